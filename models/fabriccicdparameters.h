#pragma once

#include "models/rebindingmap.h"

#include <QString>

namespace fmc {

//! \brief A rebinding map as the deployment parameter file of `fabric-cicd`, Microsoft's Python
//! library for Fabric CI/CD (`parameter.yml`, current structure): one `find_replace` entry per
//! changing connection id and database name, each with `find_value`, `replace_value` for one
//! environment, and filters `item_type: "MirroredDatabase"` and `item_name` (the source item), so
//! a pipeline can apply what was done here by hand. find_replace replaces every occurrence in the
//! item's files, so the item filters keep a database name like "sales" out of other items.
class FabricCicdParameters
{
public:
    //! The file's text for \a map, with \a environment (e.g. "PROD") as the replace_value key.
    //! Display name and default schema are noted in a comment: fabric-cicd takes them elsewhere.
    static QString parameterYml(const RebindingMap &map, const QString &environment);
    //! \a text as a YAML double-quoted scalar (backslash, quote and control characters escaped).
    static QString quoted(const QString &text);
};

} // namespace fmc
