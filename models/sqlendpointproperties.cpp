#include "sqlendpointproperties.h"

#include "models/jsonfields.h"

namespace fmc {

std::optional<SqlEndpointProperties> SqlEndpointProperties::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    SqlEndpointProperties properties;
    properties.id = fields.string("id");
    properties.connectionString = fields.string("connectionString");
    // Required by the spec, but an endpoint without it is still worth showing.
    properties.provisioningStatus = fields.enumText<ProvisioningStatus>("provisioningStatus");
    if (!fields.ok())
        return std::nullopt;
    properties.extra = fields.extra();
    return properties;
}

Json SqlEndpointProperties::toJson() const
{
    Json json = Json::object();
    putString(json, "id", id);
    putString(json, "connectionString", connectionString);
    putEnum(json, "provisioningStatus", provisioningStatus);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
