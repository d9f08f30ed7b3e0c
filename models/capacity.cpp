#include "capacity.h"

#include "models/jsonfields.h"

namespace fmc {

// The fields of Capacity, read and written by this one list (in this order).
constexpr auto kCapacityFields = [](auto &fields, auto &value) {
    fields.field("id", value.id, Need::Required);
    fields.field("displayName", value.displayName);
    fields.field("sku", value.sku);
    fields.field("region", value.region);
    fields.field("state", value.state);
};

std::optional<Capacity> Capacity::fromJson(const Json &json, QString *error)
{
    return readFields<Capacity>(json, error, kCapacityFields);
}

Json Capacity::toJson() const
{
    return writeFields(*this, kCapacityFields);
}

} // namespace fmc
