#pragma once

#include "models/item.h"
#include "models/sqlendpointproperties.h"

#include <optional>

namespace fmc {

//! \brief A mirrored catalog item (`MirroredCatalog` = `Item` + `properties`, preview): a catalog
//! of an external lakehouse (Dremio, AWS Glue, ...) mirrored as OneLake shortcuts.
struct MirroredCatalog : Item
{
    //! `MirroredCatalogProperties`; `scope` and anything newer stay in `extra`.
    struct Properties
    {
        QString sourceType; //!< Free text in the spec (the connection's type).
        QString connectionId;
        QString oneLakeTablesPath;
        std::optional<SqlEndpointProperties> sqlEndpointProperties;
        Json extra;

        static std::optional<Properties> fromJson(const Json &json, QString *error = nullptr);
        Json toJson() const;
        bool operator==(const Properties &) const = default;
    };
    std::optional<Properties> properties; //!< Absent in list answers.

    static std::optional<MirroredCatalog> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const MirroredCatalog &) const = default;
};

} // namespace fmc
