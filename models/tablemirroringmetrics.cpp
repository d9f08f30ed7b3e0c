#include "tablemirroringmetrics.h"

#include "models/jsonfields.h"

namespace fmc {

std::optional<TableMirroringMetrics> TableMirroringMetrics::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    TableMirroringMetrics metrics;
    metrics.processedBytes = fields.int64("processedBytes");
    metrics.processedRows = fields.int64("processedRows");
    metrics.lastSyncDateTime = fields.dateTime("lastSyncDateTime");
    metrics.lastSyncLatencyInSeconds = fields.int32("lastSyncLatencyInSeconds");
    if (!fields.ok())
        return std::nullopt;
    metrics.extra = fields.extra();
    return metrics;
}

Json TableMirroringMetrics::toJson() const
{
    Json json = Json::object();
    putInt(json, "processedBytes", processedBytes);
    putInt(json, "processedRows", processedRows);
    putDateTime(json, "lastSyncDateTime", lastSyncDateTime);
    putInt(json, "lastSyncLatencyInSeconds", lastSyncLatencyInSeconds);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
