#pragma once

#include "models/enumtext.h"
#include "models/errorresponse.h"
#include "models/json.h"

#include <QDateTime>

#include <array>
#include <optional>

namespace fmc {

//! `LongRunningOperationStatus` (docs/fabric-api-notes.md#long-running-operations). There is no Cancelled.
enum class OperationStatus { Unknown, Undefined, NotStarted, Running, Succeeded, Failed };
constexpr auto enumNames(OperationStatus)
{
    return std::array<std::string_view, 5> {"Undefined", "NotStarted", "Running", "Succeeded", "Failed"};
}

//! \brief The state of a long-running operation (`GET /v1/operations/{id}`).
struct OperationState
{
    EnumText<OperationStatus> status;
    QDateTime createdTimeUtc;
    QDateTime lastUpdatedTimeUtc;
    std::optional<int> percentComplete; //!< 0–100 when reported.
    std::optional<ErrorResponse> error; //!< Set when status is Failed.
    Json extra;

    //! True for Succeeded and Failed: polling can stop.
    bool isFinished() const;

    static std::optional<OperationState> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const OperationState &) const = default;
};

} // namespace fmc
