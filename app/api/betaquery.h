#pragma once

#include <QUrlQuery>

namespace fmc {

//! \brief `beta=true`: the query of the preview calls whose spec requires it (a mirrored catalog's
//! status, tables status and refreshCatalogMetadata). The other calls must not carry it.
QUrlQuery betaQuery();

} // namespace fmc
