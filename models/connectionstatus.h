#pragma once

#include "models/enumtext.h"
#include "models/json.h"

#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace fmc {

//! `TestConnectionStatus` ("Additional statuses may be added over time": unknown ones are kept).
enum class TestConnectionStatus { Unknown, Online, Offline };
constexpr auto enumNames(TestConnectionStatus)
{
    return std::array<std::string_view, 2> {"Online", "Offline"};
}

//! \brief The result of `POST /connections/{id}/testConnection` (`ConnectionStatusResponse`):
//! the status and, when offline, why (`errors[]` of `{errorCode, message}`).
struct ConnectionStatus
{
    struct Error
    {
        QString errorCode;
        QString message;
        Json extra;

        static std::optional<Error> fromJson(const Json &json, QString *error = nullptr);
        Json toJson() const;
        bool operator==(const Error &) const = default;
    };

    EnumText<TestConnectionStatus> status;
    QList<Error> errors;
    Json extra;

    bool isOnline() const { return status.value == TestConnectionStatus::Online; }

    static std::optional<ConnectionStatus> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const ConnectionStatus &) const = default;
};

} // namespace fmc
