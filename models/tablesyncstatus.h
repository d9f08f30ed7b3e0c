#pragma once

#include "models/enumtext.h"
#include "models/errorresponse.h"
#include "models/json.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <array>
#include <optional>

namespace fmc {

//! `SyncStatus` of one table after a SQL analytics endpoint metadata refresh.
enum class SyncStatus { Unknown, Success, Failure, NotRun };
constexpr auto enumNames(SyncStatus)
{
    return std::array<std::string_view, 3> {"Success", "Failure", "NotRun"};
}

//! \brief One entry of `refreshMetadata`'s `value` (sqlEndpoint definitions, `TableSyncStatus`):
//! how the endpoint's metadata sync of one table went, and when it last succeeded.
struct TableSyncStatus
{
    QString tableName;
    QDateTime startDateTime;
    QDateTime endDateTime;
    EnumText<SyncStatus> status;
    //! The last time the endpoint synced this table; data replicated after it is not visible yet.
    QDateTime lastSuccessfulSyncDateTime;
    std::optional<ErrorResponse> error;
    Json extra;

    static std::optional<TableSyncStatus> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const TableSyncStatus &) const = default;
};

//! \brief The result of `POST .../sqlEndpoints/{id}/refreshMetadata` (`TableSyncStatuses`),
//! from the 200 body or the operation's /result.
struct TableSyncStatuses
{
    QList<TableSyncStatus> value;
    Json extra;

    static std::optional<TableSyncStatuses> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const TableSyncStatuses &) const = default;

    //! Tables per status (Success, Failure, NotRun, other).
    int count(SyncStatus status) const;
};

} // namespace fmc

Q_DECLARE_METATYPE(fmc::TableSyncStatuses)
