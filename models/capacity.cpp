#include "capacity.h"

#include "models/jsonfields.h"

namespace fmc {

std::optional<Capacity> Capacity::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    Capacity capacity;
    capacity.id = fields.string("id", Need::Required);
    capacity.displayName = fields.string("displayName");
    capacity.sku = fields.string("sku");
    capacity.region = fields.string("region");
    capacity.state = fields.enumText<CapacityState>("state");
    if (!fields.ok())
        return std::nullopt;
    capacity.extra = fields.extra();
    return capacity;
}

Json Capacity::toJson() const
{
    Json json = Json::object();
    putString(json, "id", id);
    putString(json, "displayName", displayName);
    putString(json, "sku", sku);
    putString(json, "region", region);
    putEnum(json, "state", state);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
