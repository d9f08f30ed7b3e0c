#include "mirroringdefinitionfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringDecoder>

namespace fmc {

namespace {

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

} // namespace

std::optional<MirroringDefinition> MirroringDefinitionFile::load(const QString &path, QString *error, qint64 maxBytes)
{
    const QString name = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (!info.exists()) {
        fail(error, QStringLiteral("%1 does not exist.").arg(name));
        return std::nullopt;
    }
    if (info.isDir()) {
        fail(error, QStringLiteral("%1 is a folder, not a mirroring.json file.").arg(name));
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error, QStringLiteral("%1 cannot be opened: %2").arg(name, file.errorString()));
        return std::nullopt;
    }
    // Read one byte past the limit rather than trust size(): pipes and /proc files report 0.
    const QByteArray bytes = file.read(maxBytes + 1);
    if (bytes.size() > maxBytes) {
        fail(error, QStringLiteral("%1 is larger than %2 KiB; a mirroring definition is much smaller.")
                        .arg(name)
                        .arg(maxBytes / 1024));
        return std::nullopt;
    }
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        fail(error, QStringLiteral("%1 is saved as UTF-16; save it as UTF-8 and open it again.").arg(name));
        return std::nullopt;
    }
    if (bytes.contains('\0')) {
        fail(error, QStringLiteral("%1 is a binary file, not a mirroring.json definition.").arg(name));
        return std::nullopt;
    }
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(bytes);
    Q_UNUSED(text); // decoded only to find out whether the bytes are UTF-8
    if (utf8.hasError()) {
        fail(error, QStringLiteral("%1 is not UTF-8 text; save it as UTF-8 and open it again.").arg(name));
        return std::nullopt;
    }
    QString why;
    auto definition = MirroringDefinition::fromJsonBytes(bytes, &why);
    if (!definition)
        fail(error, QStringLiteral("%1 is not a mirroring definition: %2").arg(name, why));
    return definition;
}

bool MirroringDefinitionFile::save(const QString &path, const MirroringDefinition &definition, QString *error)
{
    const QString name = QDir::toNativeSeparators(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, QStringLiteral("%1 cannot be written: %2").arg(name, file.errorString()));
    const QByteArray bytes = definition.toJsonBytes();
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(error, QStringLiteral("%1 could not be saved: %2").arg(name, file.errorString()));
    return true;
}

} // namespace fmc
