#pragma once

#include "models/mirroringdefinition.h"

#include <QString>

#include <optional>

namespace fmc {

//! \brief Opens and saves `mirroring.json` files for the editor's offline mode.
//!
//! Loading is bounded and says in one sentence why a file is not a definition (too large,
//! binary, UTF-16, not UTF-8, not JSON, nested too deep). Saving is atomic (QSaveFile): a
//! failed save leaves the previous file as it was.
class MirroringDefinitionFile
{
public:
    //! Definitions are kilobytes; anything past this is not one.
    static constexpr qint64 DefaultMaxBytes = 4 * 1024 * 1024;

    //! \brief Reads the definition in \a path, or std::nullopt with a sentence naming the file.
    static std::optional<MirroringDefinition> load(const QString &path, QString *error = nullptr,
                                                   qint64 maxBytes = DefaultMaxBytes);
    //! \brief Writes \a definition's bytes to \a path atomically; false with a sentence on failure.
    static bool save(const QString &path, const MirroringDefinition &definition, QString *error = nullptr);
};

} // namespace fmc
