#include "tablesyncstatus.h"

#include "models/jsonfields.h"

#include <algorithm>

namespace fmc {

// The fields of TableSyncStatus, read and written by this one list (in this order).
constexpr auto kTableSyncStatusFields = [](auto &fields, auto &value) {
    fields.field("tableName", value.tableName, Need::Required);
    // Required by the spec; tolerated when absent (a Failure may carry no times).
    fields.field("startDateTime", value.startDateTime);
    fields.field("endDateTime", value.endDateTime);
    fields.field("status", value.status, Need::Required);
    fields.field("lastSuccessfulSyncDateTime", value.lastSuccessfulSyncDateTime);
    fields.field("error", value.error);
};

constexpr auto kTableSyncStatusesFields = [](auto &fields, auto &value) {
    fields.field("value", value.value, Need::Required);
};

std::optional<TableSyncStatus> TableSyncStatus::fromJson(const Json &json, QString *error)
{
    return readFields<TableSyncStatus>(json, error, kTableSyncStatusFields);
}

Json TableSyncStatus::toJson() const
{
    return writeFields(*this, kTableSyncStatusFields);
}

std::optional<TableSyncStatuses> TableSyncStatuses::fromJson(const Json &json, QString *error)
{
    return readFields<TableSyncStatuses>(json, error, kTableSyncStatusesFields);
}

Json TableSyncStatuses::toJson() const
{
    return writeFields(*this, kTableSyncStatusesFields);
}

int TableSyncStatuses::count(SyncStatus status) const
{
    return int(std::count_if(value.begin(), value.end(),
                             [status](const TableSyncStatus &t) { return t.status.value == status; }));
}

} // namespace fmc
