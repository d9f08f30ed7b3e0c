#pragma once

#include "models/mirroreddatabasegitfolder.h"

#include <QString>

#include <optional>

namespace fmc {

//! \brief Reads and writes a mirrored database's Git integration folder on disk
//! (docs/git-folder-format.md).
//!
//! Reading is bounded (file count, size per file and in all) and refuses links, so a folder from
//! someone else can neither make the console read outside it nor fill the memory. Writing creates
//! `<parent>/<displayName>.MirroredDatabase/` (or updates the folder of the same logical ID there),
//! replaces each file atomically, and never deletes a file it does not write: files other tools
//! keep in the folder stay.
class GitFolderFiles
{
public:
    static constexpr qint64 MaxFileBytes = 4 * 1024 * 1024;
    static constexpr qint64 MaxTotalBytes = 16 * 1024 * 1024;

    //! \brief The item folder at \a directory, or std::nullopt with a sentence (naming the folder
    //! or file) when it is missing, unreadable, too large, holds a link, or is not an item folder.
    static std::optional<MirroredDatabaseGitFolder> read(const QString &directory, QString *error = nullptr);

    //! \brief Writes \a folder under \a parentDirectory; returns the item folder's path, or an
    //! empty string with a sentence in \a error. When a folder there already holds the item (same
    //! logical ID in its `.platform`, else the same directory name), its `.platform` is updated
    //! in place (its logical ID and unknown fields kept) and it keeps its name, as Fabric never
    //! renames an item folder. A new folder gets a fresh logical ID when the service gave none.
    static QString write(const QString &parentDirectory, MirroredDatabaseGitFolder folder, QString *error = nullptr);

    //! \brief The folder under \a parentDirectory holding the item of \a logicalId, if any.
    static QString findByLogicalId(const QString &parentDirectory, const QString &logicalId);
};

} // namespace fmc
