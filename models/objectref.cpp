#include "objectref.h"

#include "models/jsonfields.h"

namespace fmc {

std::optional<ObjectRef> ObjectRef::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    ObjectRef ref;
    ref.id = fields.string("id", Need::Required);
    ref.displayName = fields.string("displayName");
    if (!fields.ok())
        return std::nullopt;
    ref.extra = fields.extra();
    return ref;
}

Json ObjectRef::toJson() const
{
    Json json = Json::object();
    putString(json, "id", id);
    putString(json, "displayName", displayName);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
