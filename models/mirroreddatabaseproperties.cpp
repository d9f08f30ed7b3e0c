#include "mirroreddatabaseproperties.h"

#include "models/jsonfields.h"

namespace fmc {

std::optional<MirroredDatabaseProperties> MirroredDatabaseProperties::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    MirroredDatabaseProperties properties;
    properties.oneLakeTablesPath = fields.string("oneLakeTablesPath");
    properties.sqlEndpointProperties = fields.object<SqlEndpointProperties>("sqlEndpointProperties");
    properties.defaultSchema = fields.string("defaultSchema");
    if (!fields.ok())
        return std::nullopt;
    properties.extra = fields.extra();
    return properties;
}

Json MirroredDatabaseProperties::toJson() const
{
    Json json = Json::object();
    putString(json, "oneLakeTablesPath", oneLakeTablesPath);
    putObject(json, "sqlEndpointProperties", sqlEndpointProperties);
    putString(json, "defaultSchema", defaultSchema);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
