#pragma once

#include "models/enumtext.h"
#include "models/errorresponse.h"
#include "models/json.h"

#include <array>
#include <optional>

namespace fmc {

//! Database-level `MirroringStatus` (docs/fabric-api-notes.md#mirroring-status). There is no Failed: see
//! mirroringHealthText().
enum class MirroringStatus { Unknown, Initializing, Initialized, Starting, Running, Paused, Stopping, Stopped };
constexpr auto enumNames(MirroringStatus)
{
    return std::array<std::string_view, 7> {"Initializing", "Initialized", "Starting", "Running",
                                            "Paused", "Stopping", "Stopped"};
}

//! \brief The answer of `getMirroringStatus`: `status`, and `error` when mirroring failed.
struct MirroringStatusResponse
{
    EnumText<MirroringStatus> status;
    std::optional<ErrorResponse> error;
    Json extra;

    static std::optional<MirroringStatusResponse> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const MirroringStatusResponse &) const = default;
};

} // namespace fmc
