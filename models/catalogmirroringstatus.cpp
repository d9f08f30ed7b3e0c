#include "catalogmirroringstatus.h"

#include "models/jsonfields.h"

namespace fmc {

// The fields of a mirrored catalog's MirroringStatusResponse, read and written by this one list.
constexpr auto kCatalogMirroringStatusFields = [](auto &fields, auto &value) {
    fields.field("status", value.status, Need::Required);
    fields.field("lastSyncDateTime", value.lastSyncDateTime);
    fields.field("error", value.error);
};

std::optional<CatalogMirroringStatus> CatalogMirroringStatus::fromJson(const Json &json, QString *error)
{
    return readFields<CatalogMirroringStatus>(json, error, kCatalogMirroringStatusFields);
}

Json CatalogMirroringStatus::toJson() const
{
    return writeFields(*this, kCatalogMirroringStatusFields);
}

} // namespace fmc
