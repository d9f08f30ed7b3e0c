#include "tablemirroringstatus.h"

#include "models/jsonfields.h"

namespace fmc {

// The fields of TableMirroringStatus, read and written by this one list (in this order).
constexpr auto kTableMirroringStatusFields = [](auto &fields, auto &value) {
    // sourceObjectType is required by today's spec but was added in 2025-07: optional here.
    fields.field("sourceObjectType", value.sourceObjectType);
    fields.field("sourceSchemaName", value.sourceSchemaName);
    fields.field("sourceTableName", value.sourceTableName);
    fields.field("status", value.status, Need::Required);
    fields.field("metrics", value.metrics);
    fields.field("error", value.error);
};

std::optional<TableMirroringStatus> TableMirroringStatus::fromJson(const Json &json, QString *error)
{
    return readFields<TableMirroringStatus>(json, error, kTableMirroringStatusFields);
}

Json TableMirroringStatus::toJson() const
{
    return writeFields(*this, kTableMirroringStatusFields);
}

} // namespace fmc
