#include "tablemirroringmetrics.h"

#include "models/jsonfields.h"

namespace fmc {

// The fields of TableMirroringMetrics, read and written by this one list (in this order).
constexpr auto kTableMirroringMetricsFields = [](auto &fields, auto &value) {
    fields.field("processedBytes", value.processedBytes);
    fields.field("processedRows", value.processedRows);
    fields.field("lastSyncDateTime", value.lastSyncDateTime);
    fields.field("lastSyncLatencyInSeconds", value.lastSyncLatencyInSeconds);
};

std::optional<TableMirroringMetrics> TableMirroringMetrics::fromJson(const Json &json, QString *error)
{
    return readFields<TableMirroringMetrics>(json, error, kTableMirroringMetricsFields);
}

Json TableMirroringMetrics::toJson() const
{
    return writeFields(*this, kTableMirroringMetricsFields);
}

} // namespace fmc
