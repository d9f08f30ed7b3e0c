#include "app/gitfolder/gitfolderfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUuid>

namespace fmc {

namespace {

template <typename T>
T failWith(QString *error, const QString &why, T value = {})
{
    if (error)
        *error = why;
    return value;
}

const QString kPlatform = QString::fromLatin1(ItemDefinition::PlatformPartPath);

std::optional<QByteArray> readBounded(const QString &path, qint64 maxBytes, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        failWith(error, QStringLiteral("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString()), 0);
        return std::nullopt;
    }
    QByteArray bytes = file.read(maxBytes + 1);
    if (bytes.size() > maxBytes) {
        failWith(error, QStringLiteral("%1 is larger than %2 MiB; it is not part of an item folder.")
                            .arg(QDir::toNativeSeparators(path)).arg(maxBytes / (1024 * 1024)), 0);
        return std::nullopt;
    }
    return bytes;
}

// \a folder under the directory name of its logical ID (its display name is left as it is).
MirroredDatabaseGitFolder renamedByLogicalId(MirroredDatabaseGitFolder folder)
{
    folder.setDirectoryName(folder.platform().logicalId().toLower() + u'.'
                            + QString::fromLatin1(MirroredDatabaseGitFolder::TypeSuffix));
    return folder;
}

} // namespace

std::optional<MirroredDatabaseGitFolder> GitFolderFiles::read(const QString &directory, QString *error)
{
    const QFileInfo info(directory);
    const QString shown = QDir::toNativeSeparators(directory);
    if (!info.exists())
        return failWith<std::optional<MirroredDatabaseGitFolder>>(error, QStringLiteral("%1 does not exist.").arg(shown));
    if (!info.isDir() || info.isSymLink())
        return failWith<std::optional<MirroredDatabaseGitFolder>>(error, QStringLiteral("%1 is not a folder.").arg(shown));
    const QDir root(info.absoluteFilePath());
    QList<GitFolderFile> files;
    qint64 total = 0;
    QDirIterator it(root.path(), QDir::Files | QDir::Dirs | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo entry = it.fileInfo();
        const QString relative = root.relativeFilePath(path);
        // A link could point anywhere on the disk; an item folder has none.
        if (entry.isSymLink())
            return failWith<std::optional<MirroredDatabaseGitFolder>>(
                error, QStringLiteral("%1 is a link; an item folder holds only files.").arg(QDir::toNativeSeparators(path)));
        if (entry.isDir())
            continue;
        if (!entry.isFile())
            return failWith<std::optional<MirroredDatabaseGitFolder>>(
                error, QStringLiteral("%1 is not a regular file.").arg(QDir::toNativeSeparators(path)));
        if (files.size() >= MirroredDatabaseGitFolder::MaxFiles)
            return failWith<std::optional<MirroredDatabaseGitFolder>>(
                error, QStringLiteral("%1 holds more than %2 files; an item folder holds a few.")
                           .arg(shown).arg(MirroredDatabaseGitFolder::MaxFiles));
        auto bytes = readBounded(path, MaxFileBytes, error);
        if (!bytes)
            return std::nullopt;
        total += bytes->size();
        if (total > MaxTotalBytes)
            return failWith<std::optional<MirroredDatabaseGitFolder>>(
                error, QStringLiteral("%1 holds more than %2 MiB.").arg(shown).arg(MaxTotalBytes / (1024 * 1024)));
        files.append({relative, *bytes});
    }
    // The order on disk is the file system's; a stable one makes the folder compare equal.
    std::sort(files.begin(), files.end(), [](const GitFolderFile &a, const GitFolderFile &b) { return a.path < b.path; });
    QString why;
    auto folder = MirroredDatabaseGitFolder::fromFiles(files, &why);
    if (!folder)
        return failWith<std::optional<MirroredDatabaseGitFolder>>(error, QStringLiteral("%1: %2").arg(shown, why));
    return folder;
}

QString GitFolderFiles::findByLogicalId(const QString &parentDirectory, const QString &logicalId)
{
    if (PlatformFile::isUnassigned(logicalId))
        return {};
    const QString suffix = u'.' + QString::fromLatin1(MirroredDatabaseGitFolder::TypeSuffix);
    const QDir parent(parentDirectory);
    for (const QFileInfo &entry : parent.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
        if (entry.isSymLink() || !entry.fileName().endsWith(suffix))
            continue;
        const auto bytes = readBounded(QDir(entry.absoluteFilePath()).filePath(kPlatform), MaxFileBytes, nullptr);
        const auto platform = bytes ? PlatformFile::fromBytes(*bytes) : std::nullopt;
        if (platform && platform->logicalId().compare(logicalId, Qt::CaseInsensitive) == 0)
            return entry.absoluteFilePath();
    }
    return {};
}

QString GitFolderFiles::write(const QString &parentDirectory, MirroredDatabaseGitFolder folder, QString *error)
{
    const QFileInfo parentInfo(parentDirectory);
    if (!parentInfo.isDir())
        return failWith<QString>(error, QStringLiteral("%1 is not a folder.").arg(QDir::toNativeSeparators(parentDirectory)));
    const QDir parent(parentInfo.absoluteFilePath());
    PlatformFile platform = folder.platform();

    QString target = findByLogicalId(parent.path(), platform.logicalId());
    if (target.isEmpty())
        target = parent.filePath(folder.directoryName());
    const QFileInfo targetInfo(target);
    if (targetInfo.isSymLink() || (targetInfo.exists() && !targetInfo.isDir()))
        return failWith<QString>(error, QStringLiteral("%1 exists and is not a folder.").arg(QDir::toNativeSeparators(target)));

    // An existing .platform is the folder's identity: keep it (logical ID, unknown fields) and
    // take only the name and description from the service.
    const QString platformPath = QDir(target).filePath(kPlatform);
    if (QFileInfo::exists(platformPath)) {
        QString why;
        const auto bytes = readBounded(platformPath, MaxFileBytes, &why);
        auto existing = bytes ? PlatformFile::fromBytes(*bytes, &why) : std::nullopt;
        if (!existing)
            return failWith<QString>(error, QStringLiteral("%1 was left as it is: %2").arg(QDir::toNativeSeparators(target), why));
        const bool otherItem = !PlatformFile::isUnassigned(existing->logicalId()) && !PlatformFile::isUnassigned(platform.logicalId())
                               && existing->logicalId().compare(platform.logicalId(), Qt::CaseInsensitive) != 0;
        if (otherItem) {
            // The name is taken by another item: Fabric then names the folder by logical ID.
            const MirroredDatabaseGitFolder renamed = renamedByLogicalId(folder);
            if (renamed.directoryName() == folder.directoryName())
                return failWith<QString>(error, QStringLiteral("%1 holds another item; nothing was written.")
                                                    .arg(QDir::toNativeSeparators(target)));
            return write(parentDirectory, renamed, error);
        }
        existing->setDisplayName(platform.displayName());
        existing->setDescription(platform.description());
        if (PlatformFile::isUnassigned(existing->logicalId()) && !PlatformFile::isUnassigned(platform.logicalId()))
            existing->setLogicalId(platform.logicalId());
        platform = *existing;
    }
    if (PlatformFile::isUnassigned(platform.logicalId()))
        platform.setLogicalId(QUuid::createUuid().toString(QUuid::WithoutBraces));
    folder.setPlatform(platform);

    for (const GitFolderFile &file : folder.files()) {
        // fromFiles()/fromDefinition() checked every path; check again where it becomes a file.
        if (!MirroredDatabaseGitFolder::isSafePath(file.path))
            return failWith<QString>(error, QStringLiteral("“%1” is not a file name an item folder may hold.").arg(file.path));
        const QString path = QDir(target).filePath(file.path);
        if (QFileInfo(path).isSymLink())
            return failWith<QString>(error, QStringLiteral("%1 is a link; it was left as it is.").arg(QDir::toNativeSeparators(path)));
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return failWith<QString>(error, QStringLiteral("%1 cannot be created.").arg(QDir::toNativeSeparators(QFileInfo(path).absolutePath())));
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(file.bytes) != file.bytes.size() || !out.commit())
            return failWith<QString>(error, QStringLiteral("%1 cannot be written: %2").arg(QDir::toNativeSeparators(path), out.errorString()));
    }
    return target;
}

} // namespace fmc
