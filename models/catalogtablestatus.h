#pragma once

#include "models/catalogmirroringstatus.h"
#include "models/tablemirroringstatus.h"

namespace fmc {

//! \brief One entry of a mirrored catalog's `tablesMirroringStatus` `value`
//! (`TableMirroringStatus`, mirroredCatalog/definitions.json). Unlike a mirrored database's
//! table status it has no metrics: the catalog's tables are shortcuts, not copies.
struct CatalogTableStatus
{
    QString schemaName;
    QString name;
    EnumText<CatalogMirroringState> status;
    QDateTime lastSyncDateTime;   //!< Invalid: discovered, first sync cycle not completed (null).
    QDateTime lastUpdateDateTime; //!< Invalid: the shortcut was never created.
    std::optional<ErrorResponse> error;
    Json extra;

    static std::optional<CatalogTableStatus> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const CatalogTableStatus &) const = default;

    //! \brief The table as the dashboard's table machinery reads it: names, the status text as
    //! given, the last sync as the only metric (no rows, bytes or latency: none are given) and the
    //! error. Running ranks as Replicating (mirrored, nothing to look at); Failed and Stopped are
    //! the same words; a state this version does not know stays Unknown with its text.
    TableMirroringStatus asTableStatus() const;
};

} // namespace fmc
