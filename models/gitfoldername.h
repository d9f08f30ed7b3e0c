#pragma once

#include <QString>

namespace fmc {

//! \brief The directory name of an item in a Fabric Git integration folder:
//! `{display name}.{type}`, e.g. `Sales.MirroredDatabase` (docs/git-folder-format.md#names).
//!
//! The display name comes from the service and becomes a path on the user's disk, so it is
//! treated as hostile: as Fabric does, characters a file system refuses (`<>:"/\|?*`, control
//! characters) and `%` and `&` (so that the result reads back unambiguously), a leading space and
//! a trailing space or dot become HTML numbers (`&#47;` for `/`). The result is always one path
//! segment: never empty, never `.` or `..`, no separator. When the name still cannot be used
//! (empty, a Windows device name, too long) the item's logical ID stands in, as in Fabric.
class GitFolderName
{
public:
    //! The longest name kept, in UTF-16 units, before the type suffix: Windows allows 255 per
    //! segment and the files inside need room.
    static constexpr int MaxNameLength = 200;

    //! \brief The directory name for \a displayName of \a type; \a logicalId when it cannot be used.
    static QString forItem(const QString &displayName, const QString &type, const QString &logicalId);
    //! \brief The display name part of \a directoryName (`&#NN;` decoded), or an empty string when
    //! it does not end with `.` + \a type.
    static QString displayNameOf(const QString &directoryName, const QString &type);
};

} // namespace fmc
