#pragma once

#include "app/environments/environmenttarget.h"
#include "models/mirroringdefinition.h"

#include <QString>

#include <optional>

namespace fmc {

//! \brief Where a compared definition comes from: a mirrored database of a workspace seen by a
//! target's client, or a `mirroring.json` file already read (then \a file is set).
struct DefinitionSource {
    EnvironmentTarget target;
    QString workspaceId;
    QString databaseId;
    QString name; //!< what the user reads: the database's or the file's name
    std::optional<MirroringDefinition> file;

    bool isFile() const { return file.has_value(); }
};

} // namespace fmc
