#include "mirroreddatabase.h"

#include "models/jsonfields.h"

namespace fmc {

std::optional<MirroredDatabase> MirroredDatabase::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    MirroredDatabase database;
    database.readItemFields(fields);
    database.properties = fields.object<MirroredDatabaseProperties>("properties");
    if (!fields.ok())
        return std::nullopt;
    database.extra = fields.extra();
    return database;
}

Json MirroredDatabase::toJson() const
{
    Json json = Json::object();
    writeItemFields(json);
    putObject(json, "properties", properties);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
