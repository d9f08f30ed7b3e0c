#include "mirroreddatabase.h"

#include "models/jsonfields.h"

namespace fmc {

// The item fields, then properties.
constexpr auto kMirroredDatabaseFields = [](auto &fields, auto &value) {
    value.itemFields(fields);
    fields.field("properties", value.properties);
};

std::optional<MirroredDatabase> MirroredDatabase::fromJson(const Json &json, QString *error)
{
    return readFields<MirroredDatabase>(json, error, kMirroredDatabaseFields);
}

Json MirroredDatabase::toJson() const
{
    return writeFields(*this, kMirroredDatabaseFields);
}

} // namespace fmc
