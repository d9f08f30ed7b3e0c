#pragma once

#include "models/itemdefinition.h"
#include "models/platformfile.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fmc {

//! One file of an item folder: its path inside the folder ("/"-separated) and its bytes.
struct GitFolderFile {
    QString path;
    QByteArray bytes;
    bool operator==(const GitFolderFile &other) const = default;
};

//! \brief A mirrored database as Fabric Git integration keeps it: the folder
//! `<displayName>.MirroredDatabase/` with `mirroring.json`, `.platform` and any other file a tool
//! put there (docs/git-folder-format.md). Pure: the disk is app/gitfolder's business.
//!
//! Every file is kept as bytes: `mirroring.json` goes to the service and comes back byte for byte,
//! `.platform` fields this version does not know stay, and files it does not know are carried
//! along untouched.
class MirroredDatabaseGitFolder
{
public:
    static constexpr const char *TypeSuffix = "MirroredDatabase";
    //! A folder holds a handful of small files; anything far past this is not an item folder.
    static constexpr int MaxFiles = 64;

    //! \brief The folder made of \a files; std::nullopt with a sentence naming the file when a
    //! path is unsafe (absolute, `..`, backslash, empty segment, control character), a path
    //! repeats, `mirroring.json` is missing or is not a definition, or `.platform` is missing or
    //! is not one of a mirrored database.
    static std::optional<MirroredDatabaseGitFolder> fromFiles(const QList<GitFolderFile> &files, QString *error = nullptr);
    //! \brief The folder for a definition from getDefinition: each part a file (payloads decoded
    //! strictly). A definition without `.platform` gets one from \a displayName and \a description.
    static std::optional<MirroredDatabaseGitFolder> fromDefinition(const ItemDefinition &definition,
                                                                  const QString &displayName,
                                                                  const QString &description, QString *error = nullptr);

    //! \brief Whether \a path may name a file inside an item folder (see fromFiles()).
    static bool isSafePath(const QString &path);

    QList<GitFolderFile> files() const { return m_files; }
    QByteArray mirroringJson() const;
    PlatformFile platform() const { return m_platform; }
    //! Paths of the files other than `mirroring.json` and `.platform`.
    QStringList otherFiles() const;

    //! The display name the folder gives the item (`.platform`'s metadata.displayName).
    QString displayName() const { return m_platform.displayName(); }
    //! `<displayName>.MirroredDatabase`, sanitised (GitFolderName), unless set.
    QString directoryName() const;
    //! Names the folder \a name (one safe path segment, else ignored): the logical ID's when the
    //! display name's is taken by another item.
    void setDirectoryName(const QString &name);

    //! Replaces `.platform` (e.g. with the logical ID of the folder it is exported over).
    void setPlatform(const PlatformFile &platform);

    //! \brief The definition to send: `mirroring.json`, and `.platform` when \a withPlatform.
    //! Other files are not parts the service takes for a mirrored database; they stay in the folder.
    ItemDefinition toDefinition(bool withPlatform) const;

private:
    QList<GitFolderFile> m_files; // in their order; mirroring.json and .platform first when new
    PlatformFile m_platform;
    QString m_directoryName; // empty: derived from the display name
};

} // namespace fmc
