#include "models/mirroreddatabasegitfolder.h"

#include "models/gitfoldername.h"

#include <QSet>

namespace fmc {

namespace {

const QString kMirroring = QString::fromLatin1(ItemDefinition::MirroringPartPath);
const QString kPlatform = QString::fromLatin1(ItemDefinition::PlatformPartPath);

template <typename T>
std::optional<T> failWith(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

} // namespace

bool MirroredDatabaseGitFolder::isSafePath(const QString &path)
{
    // Paths come from a folder someone else wrote or from the service; each becomes a file under
    // the item folder, so nothing may climb out of it or mean something else on another system.
    if (path.isEmpty() || path.size() > 400 || path.startsWith(u'/') || path.contains(u'\\') || path.contains(u':'))
        return false;
    for (const QChar c : path)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    const QStringList segments = path.split(u'/');
    if (segments.size() > 8)
        return false;
    for (const QString &segment : segments)
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String("..")
            || segment.endsWith(u' ') || segment.endsWith(u'.'))
            return false;
    return true;
}

std::optional<MirroredDatabaseGitFolder> MirroredDatabaseGitFolder::fromFiles(const QList<GitFolderFile> &files,
                                                                            QString *error)
{
    using Result = MirroredDatabaseGitFolder;
    if (files.size() > MaxFiles)
        return failWith<Result>(error, QStringLiteral("The folder holds %1 files; an item folder holds a few.").arg(files.size()));
    QSet<QString> seen;
    const GitFolderFile *mirroring = nullptr;
    const GitFolderFile *platform = nullptr;
    for (const GitFolderFile &file : files) {
        if (!isSafePath(file.path))
            return failWith<Result>(error, QStringLiteral("“%1” is not a file name an item folder may hold.").arg(file.path.left(120)));
        if (seen.contains(file.path.toCaseFolded()))
            return failWith<Result>(error, QStringLiteral("“%1” is in the folder twice.").arg(file.path));
        seen.insert(file.path.toCaseFolded());
        if (file.path == kMirroring)
            mirroring = &file;
        else if (file.path == kPlatform)
            platform = &file;
    }
    if (!mirroring)
        return failWith<Result>(error, QStringLiteral("The folder has no mirroring.json: it is not a mirrored database folder."));
    QString why;
    if (!MirroringDefinition::fromJsonBytes(mirroring->bytes, &why))
        return failWith<Result>(error, QStringLiteral("mirroring.json is not a definition: %1").arg(why));
    if (!platform)
        return failWith<Result>(error, QStringLiteral("The folder has no .platform file, which names the item."));
    auto platformFile = PlatformFile::fromBytes(platform->bytes, &why);
    if (!platformFile)
        return failWith<Result>(error, why);
    if (platformFile->type() != QLatin1String(PlatformFile::MirroredDatabaseType))
        return failWith<Result>(error, QStringLiteral(".platform describes a %1, not a mirrored database.")
                                           .arg(platformFile->type().left(80)));
    if (platformFile->displayName().trimmed().isEmpty())
        return failWith<Result>(error, QStringLiteral(".platform gives the item no display name."));
    MirroredDatabaseGitFolder folder;
    folder.m_files = files;
    folder.m_platform = *platformFile;
    return folder;
}

std::optional<MirroredDatabaseGitFolder> MirroredDatabaseGitFolder::fromDefinition(const ItemDefinition &definition,
                                                                                 const QString &displayName,
                                                                                 const QString &description,
                                                                                 QString *error)
{
    QList<GitFolderFile> files;
    bool hasPlatform = false;
    for (const DefinitionPart &part : definition.parts()) {
        QString why;
        const auto bytes = part.decodedPayload(&why);
        if (!bytes)
            return failWith<MirroredDatabaseGitFolder>(error, why);
        files.append({part.path, *bytes});
        hasPlatform = hasPlatform || part.path == kPlatform;
    }
    if (!hasPlatform)
        files.append({kPlatform, PlatformFile::create(displayName, description, {}).toBytes()});
    return fromFiles(files, error);
}

QByteArray MirroredDatabaseGitFolder::mirroringJson() const
{
    for (const GitFolderFile &file : m_files)
        if (file.path == kMirroring)
            return file.bytes;
    return {};
}

QStringList MirroredDatabaseGitFolder::otherFiles() const
{
    QStringList paths;
    for (const GitFolderFile &file : m_files)
        if (file.path != kMirroring && file.path != kPlatform)
            paths.append(file.path);
    return paths;
}

void MirroredDatabaseGitFolder::setDirectoryName(const QString &name)
{
    if (isSafePath(name) && !name.contains(u'/'))
        m_directoryName = name;
}

QString MirroredDatabaseGitFolder::directoryName() const
{
    if (!m_directoryName.isEmpty())
        return m_directoryName;
    return GitFolderName::forItem(displayName(), QString::fromLatin1(TypeSuffix), m_platform.logicalId());
}

void MirroredDatabaseGitFolder::setPlatform(const PlatformFile &platform)
{
    m_platform = platform;
    for (GitFolderFile &file : m_files)
        if (file.path == kPlatform)
            file.bytes = platform.toBytes();
}

ItemDefinition MirroredDatabaseGitFolder::toDefinition(bool withPlatform) const
{
    // fromFiles() parsed mirroring.json; an unchanged MirroringDefinition writes back its bytes.
    const auto mirroring = MirroringDefinition::fromJsonBytes(mirroringJson());
    std::optional<DefinitionPart> platform;
    if (withPlatform)
        platform = DefinitionPart::fromBytes(kPlatform, m_platform.toBytes());
    return ItemDefinition::fromMirroringDefinition(*mirroring, platform);
}

} // namespace fmc
