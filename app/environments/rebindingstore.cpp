#include "app/environments/rebindingstore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QSaveFile>
#include <QSettings>

namespace fmc {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("fmc::RebindingStore", text);
}

const QString kGroup = QStringLiteral("promote/rebindingMaps");

// QSettings keys cannot hold '/' as data: the key is a stable hash, the pair is in the value.
QString settingsKey(const QString &pairKey)
{
    return kGroup + u'/' + QString::fromLatin1(QCryptographicHash::hash(pairKey.toUtf8(), QCryptographicHash::Sha1).toHex());
}

} // namespace

RebindingStore::RebindingStore(QSettings &settings)
    : m_settings(settings)
{
}

QString RebindingStore::pairKey(const QString &sourceLabel, const QString &sourceWorkspaceId, const QString &sourceDatabaseId,
                                const QString &targetLabel, const QString &targetWorkspaceId)
{
    return QStringLiteral("%1/%2/%3 -> %4/%5")
        .arg(sourceLabel, sourceWorkspaceId, sourceDatabaseId, targetLabel, targetWorkspaceId);
}

std::optional<RebindingMap> RebindingStore::remembered(const QString &pairKey) const
{
    const QByteArray stored = m_settings.value(settingsKey(pairKey)).toByteArray();
    const std::optional<Json> json = parseJson(stored);
    if (!json || !json->is_object() || json->value("pair", std::string()) != toStdString(pairKey))
        return std::nullopt;
    return RebindingMap::fromJson(json->value("map", Json()));
}

void RebindingStore::remember(const QString &pairKey, const RebindingMap &map)
{
    const Json json{{"pair", toStdString(pairKey)}, {"map", map.toJson()}};
    m_settings.setValue(settingsKey(pairKey), dumpJson(json));
}

bool RebindingStore::saveFile(const QString &path, const RebindingMap &map, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(dumpJson(map.toJson(), 2) + '\n') < 0 || !file.commit()) {
        if (error)
            *error = tr("The rebinding map could not be saved to %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<RebindingMap> RebindingStore::loadFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("%1 could not be opened: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > kMaxFileBytes) {
        if (error)
            *error = tr("%1 is too large to be a rebinding map.").arg(path);
        return std::nullopt;
    }
    QString why;
    const std::optional<Json> json = parseJson(file.read(kMaxFileBytes + 1), &why);
    if (!json) {
        if (error)
            *error = tr("%1 is not JSON: %2").arg(path, why);
        return std::nullopt;
    }
    return RebindingMap::fromJson(*json, error);
}

} // namespace fmc
