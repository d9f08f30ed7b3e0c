#pragma once

#include "models/enumtext.h"
#include "models/errorresponse.h"
#include "models/json.h"
#include "models/tablemirroringmetrics.h"

#include <array>
#include <optional>

namespace fmc {

//! Table-level `TableMirroringStatus` (docs/fabric-api-notes.md#mirroring-status).
enum class TableStatus { Unknown, Initialized, Snapshotting, Replicating, Reseeding, Stopped, Failed };
constexpr auto enumNames(TableStatus)
{
    return std::array<std::string_view, 6> {"Initialized", "Snapshotting", "Replicating",
                                            "Reseeding", "Stopped", "Failed"};
}

//! `sourceObjectType` (added 2025-07; absent from older services).
enum class SourceObjectType { Unknown, Table, View };
constexpr auto enumNames(SourceObjectType)
{
    return std::array<std::string_view, 2> {"Table", "View"};
}

//! \brief One entry of `getTablesMirroringStatus` `data` (`TableMirroringStatusResponse`).
struct TableMirroringStatus
{
    EnumText<SourceObjectType> sourceObjectType;
    QString sourceSchemaName;
    QString sourceTableName;
    EnumText<TableStatus> status;
    std::optional<TableMirroringMetrics> metrics;
    std::optional<ErrorResponse> error;
    Json extra;

    static std::optional<TableMirroringStatus> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const TableMirroringStatus &) const = default;
};

} // namespace fmc
