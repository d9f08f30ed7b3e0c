#pragma once

#include "models/json.h"

#include <QDateTime>

#include <optional>

namespace fmc {

//! \brief `metrics` of one table's mirroring status (docs/fabric-api-notes.md#mirroring-status).
//!
//! Every field is optional here although the spec requires three: a table that has not synced
//! yet, or another server, may leave them out or null, and that must show as blank, not crash.
struct TableMirroringMetrics
{
    std::optional<qint64> processedBytes;
    std::optional<qint64> processedRows;
    QDateTime lastSyncDateTime;                   //!< UTC; invalid when absent.
    std::optional<int> lastSyncLatencyInSeconds; //!< Not returned for some sources.
    Json extra;

    static std::optional<TableMirroringMetrics> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const TableMirroringMetrics &) const = default;
};

} // namespace fmc
