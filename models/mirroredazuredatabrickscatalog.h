#pragma once

#include "models/enumtext.h"
#include "models/item.h"
#include "models/sqlendpointproperties.h"

#include <QDateTime>

#include <array>
#include <optional>

namespace fmc {

//! `syncDetails.status` of a mirrored Azure Databricks catalog ("additional status may be added").
enum class CatalogSyncStatus { Unknown, NotStarted, InProgress, Success, Failed };
constexpr auto enumNames(CatalogSyncStatus)
{
    return std::array<std::string_view, 4> {"NotStarted", "InProgress", "Success", "Failed"};
}

//! `autoSync`: whether Fabric follows the Unity Catalog's changes by itself.
enum class AutoSync { Unknown, Enabled, Disabled };
constexpr auto enumNames(AutoSync)
{
    return std::array<std::string_view, 2> {"Enabled", "Disabled"};
}

//! `mirroringMode`: the whole catalog but exclusions, or only what was selected.
enum class CatalogMirroringMode { Unknown, Full, Partial };
constexpr auto enumNames(CatalogMirroringMode)
{
    return std::array<std::string_view, 2> {"Full", "Partial"};
}

//! \brief A mirrored Azure Databricks catalog item (`MirroredAzureDatabricksCatalog` = `Item` +
//! `properties`). It has no status endpoint: `properties.syncDetails` is its health.
struct MirroredAzureDatabricksCatalog : Item
{
    //! `ErrorInfo` of a failed sync (its own shape, not the common ErrorResponse).
    struct ErrorInfo
    {
        QString errorCode;
        QString errorMessage;
        QString errorDetails;
        Json extra;

        static std::optional<ErrorInfo> fromJson(const Json &json, QString *error = nullptr);
        Json toJson() const;
        bool operator==(const ErrorInfo &) const = default;
    };
    //! `SyncDetails`: the last metadata sync with Unity Catalog.
    struct SyncDetails
    {
        EnumText<CatalogSyncStatus> status;
        QDateTime lastSyncDateTime; //!< Invalid: never synced (null).
        std::optional<ErrorInfo> errorInfo;
        Json extra;

        static std::optional<SyncDetails> fromJson(const Json &json, QString *error = nullptr);
        Json toJson() const;
        bool operator==(const SyncDetails &) const = default;
    };
    //! `MirroredAzureDatabricksCatalogProperties`; `mirrorStatus` and anything newer in `extra`.
    struct Properties
    {
        QString catalogName;
        QString databricksWorkspaceConnectionId;
        QString oneLakeTablesPath;
        std::optional<SqlEndpointProperties> sqlEndpointProperties;
        std::optional<SyncDetails> syncDetails;
        EnumText<AutoSync> autoSync;
        EnumText<CatalogMirroringMode> mirroringMode;
        QString storageConnectionId;
        Json extra;

        static std::optional<Properties> fromJson(const Json &json, QString *error = nullptr);
        Json toJson() const;
        bool operator==(const Properties &) const = default;
    };
    std::optional<Properties> properties; //!< Absent in the generic item list.

    static std::optional<MirroredAzureDatabricksCatalog> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const MirroredAzureDatabricksCatalog &) const = default;
};

} // namespace fmc
