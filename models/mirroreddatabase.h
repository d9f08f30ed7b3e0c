#pragma once

#include "models/item.h"
#include "models/mirroreddatabaseproperties.h"

#include <optional>

namespace fmc {

//! \brief A mirrored database item (`MirroredDatabase` = `Item` + `properties`, docs/fabric-api-notes.md#items).
struct MirroredDatabase : Item
{
    std::optional<MirroredDatabaseProperties> properties; //!< Absent in create/update answers.

    static std::optional<MirroredDatabase> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const MirroredDatabase &) const = default;
};

} // namespace fmc
