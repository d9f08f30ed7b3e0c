#include "mirroredazuredatabrickscatalog.h"

#include "models/jsonfields.h"

namespace fmc {

// Each struct's fields, read and written by one list (in the spec's order).
constexpr auto kErrorInfoFields = [](auto &fields, auto &value) {
    fields.field("errorCode", value.errorCode);
    fields.field("errorMessage", value.errorMessage);
    fields.field("errorDetails", value.errorDetails);
};

constexpr auto kSyncDetailsFields = [](auto &fields, auto &value) {
    fields.field("status", value.status);
    fields.field("lastSyncDateTime", value.lastSyncDateTime);
    fields.field("errorInfo", value.errorInfo);
};

constexpr auto kPropertiesFields = [](auto &fields, auto &value) {
    fields.field("catalogName", value.catalogName);
    fields.field("databricksWorkspaceConnectionId", value.databricksWorkspaceConnectionId);
    fields.field("oneLakeTablesPath", value.oneLakeTablesPath);
    fields.field("sqlEndpointProperties", value.sqlEndpointProperties);
    fields.field("syncDetails", value.syncDetails);
    fields.field("autoSync", value.autoSync);
    fields.field("mirroringMode", value.mirroringMode);
    fields.field("storageConnectionId", value.storageConnectionId);
};

constexpr auto kCatalogFields = [](auto &fields, auto &value) {
    value.itemFields(fields);
    fields.field("properties", value.properties);
};

using Catalog = MirroredAzureDatabricksCatalog;

std::optional<Catalog::ErrorInfo> Catalog::ErrorInfo::fromJson(const Json &json, QString *error)
{
    return readFields<ErrorInfo>(json, error, kErrorInfoFields);
}

Json Catalog::ErrorInfo::toJson() const
{
    return writeFields(*this, kErrorInfoFields);
}

std::optional<Catalog::SyncDetails> Catalog::SyncDetails::fromJson(const Json &json, QString *error)
{
    return readFields<SyncDetails>(json, error, kSyncDetailsFields);
}

Json Catalog::SyncDetails::toJson() const
{
    return writeFields(*this, kSyncDetailsFields);
}

std::optional<Catalog::Properties> Catalog::Properties::fromJson(const Json &json, QString *error)
{
    return readFields<Properties>(json, error, kPropertiesFields);
}

Json Catalog::Properties::toJson() const
{
    return writeFields(*this, kPropertiesFields);
}

std::optional<Catalog> Catalog::fromJson(const Json &json, QString *error)
{
    return readFields<Catalog>(json, error, kCatalogFields);
}

Json Catalog::toJson() const
{
    return writeFields(*this, kCatalogFields);
}

} // namespace fmc
