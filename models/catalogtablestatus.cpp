#include "catalogtablestatus.h"

#include "models/jsonfields.h"

namespace fmc {

// The fields of a mirrored catalog's TableMirroringStatus, read and written by this one list.
constexpr auto kCatalogTableStatusFields = [](auto &fields, auto &value) {
    fields.field("schemaName", value.schemaName, Need::Required);
    fields.field("name", value.name, Need::Required);
    fields.field("status", value.status, Need::Required);
    fields.field("lastSyncDateTime", value.lastSyncDateTime);
    fields.field("lastUpdateDateTime", value.lastUpdateDateTime);
    fields.field("error", value.error);
};

std::optional<CatalogTableStatus> CatalogTableStatus::fromJson(const Json &json, QString *error)
{
    return readFields<CatalogTableStatus>(json, error, kCatalogTableStatusFields);
}

Json CatalogTableStatus::toJson() const
{
    return writeFields(*this, kCatalogTableStatusFields);
}

TableMirroringStatus CatalogTableStatus::asTableStatus() const
{
    TableMirroringStatus table;
    table.sourceSchemaName = schemaName;
    table.sourceTableName = name;
    switch (status.value) {
    case CatalogMirroringState::Running:
        table.status = {TableStatus::Replicating, status.text};
        break;
    case CatalogMirroringState::Stopped:
        table.status = {TableStatus::Stopped, status.text};
        break;
    case CatalogMirroringState::Failed:
        table.status = {TableStatus::Failed, status.text};
        break;
    case CatalogMirroringState::Unknown:
        table.status = {TableStatus::Unknown, status.text};
        break;
    }
    if (lastSyncDateTime.isValid()) {
        TableMirroringMetrics metrics;
        metrics.lastSyncDateTime = lastSyncDateTime;
        table.metrics = metrics;
    }
    table.error = error;
    return table;
}

} // namespace fmc
