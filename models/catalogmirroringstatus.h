#pragma once

#include "models/enumtext.h"
#include "models/errorresponse.h"
#include "models/json.h"

#include <QDateTime>

#include <array>
#include <optional>

namespace fmc {

//! \brief `ItemMirroringState` and `TableMirroringState` of a mirrored catalog (preview): the
//! same three words for the item and its tables; "additional types may be added over time".
enum class CatalogMirroringState { Unknown, Running, Stopped, Failed };
constexpr auto enumNames(CatalogMirroringState)
{
    return std::array<std::string_view, 3> {"Running", "Stopped", "Failed"};
}

//! \brief The answer of a mirrored catalog's `GET …/mirroringStatus?beta=true`
//! (`MirroringStatusResponse`, mirroredCatalog/definitions.json): status, the last sync attempt
//! and the item error of a Failed catalog.
struct CatalogMirroringStatus
{
    EnumText<CatalogMirroringState> status;
    QDateTime lastSyncDateTime; //!< Invalid: no sync attempted yet (null).
    std::optional<ErrorResponse> error;
    Json extra;

    static std::optional<CatalogMirroringStatus> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const CatalogMirroringStatus &) const = default;
};

} // namespace fmc
