#include "tablemirroringstatus.h"

#include "models/jsonfields.h"

namespace fmc {

std::optional<TableMirroringStatus> TableMirroringStatus::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    TableMirroringStatus table;
    // sourceObjectType is required by today's spec but was added in 2025-07: optional here.
    table.sourceObjectType = fields.enumText<SourceObjectType>("sourceObjectType");
    table.sourceSchemaName = fields.string("sourceSchemaName");
    table.sourceTableName = fields.string("sourceTableName");
    table.status = fields.enumText<TableStatus>("status", Need::Required);
    table.metrics = fields.object<TableMirroringMetrics>("metrics");
    table.error = fields.object<ErrorResponse>("error");
    if (!fields.ok())
        return std::nullopt;
    table.extra = fields.extra();
    return table;
}

Json TableMirroringStatus::toJson() const
{
    Json json = Json::object();
    putEnum(json, "sourceObjectType", sourceObjectType);
    putString(json, "sourceSchemaName", sourceSchemaName);
    putString(json, "sourceTableName", sourceTableName);
    putEnum(json, "status", status);
    putObject(json, "metrics", metrics);
    putObject(json, "error", error);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
