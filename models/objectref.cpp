#include "objectref.h"

#include "models/jsonfields.h"

namespace fmc {

// The fields of ObjectRef, read and written by this one list (in this order).
constexpr auto kObjectRefFields = [](auto &fields, auto &value) {
    fields.field("id", value.id, Need::Required);
    fields.field("displayName", value.displayName);
};

std::optional<ObjectRef> ObjectRef::fromJson(const Json &json, QString *error)
{
    return readFields<ObjectRef>(json, error, kObjectRefFields);
}

Json ObjectRef::toJson() const
{
    return writeFields(*this, kObjectRefFields);
}

} // namespace fmc
