#include "sqlendpointsyncstore.h"

namespace fmc {

SqlEndpointSyncStore::SqlEndpointSyncStore(QObject *parent)
    : QObject(parent)
{
}

void SqlEndpointSyncStore::setResult(const QString &databaseId, const TableSyncStatuses &result, const QDateTime &at)
{
    Entry entry{result, at.toUTC(), {}};
    for (qsizetype i = 0; i < result.value.size(); ++i)
        entry.byName.insert(result.value[i].tableName.toLower(), i);
    m_results.insert(databaseId, std::move(entry));
    emit resultChanged(databaseId);
}

const TableSyncStatuses *SqlEndpointSyncStore::result(const QString &databaseId) const
{
    const auto it = m_results.constFind(databaseId);
    return it == m_results.cend() ? nullptr : &it->result;
}

QDateTime SqlEndpointSyncStore::refreshedAt(const QString &databaseId) const
{
    const auto it = m_results.constFind(databaseId);
    return it == m_results.cend() ? QDateTime() : it->at;
}

const TableSyncStatus *SqlEndpointSyncStore::table(const QString &databaseId, const QString &schema,
                                                   const QString &table) const
{
    const auto it = m_results.constFind(databaseId);
    if (it == m_results.cend())
        return nullptr;
    auto found = it->byName.constFind((schema + u'.' + table).toLower());
    if (found == it->byName.cend() && (schema.isEmpty() || schema.compare(QLatin1String("dbo"), Qt::CaseInsensitive) == 0))
        found = it->byName.constFind(table.toLower());
    return found == it->byName.cend() ? nullptr : &it->result.value.at(*found);
}

SqlEndpointSyncStore::Visibility SqlEndpointSyncStore::visibility(const TableSyncStatus *endpoint,
                                                                  const QDateTime &replicatedLastSync)
{
    if (!endpoint)
        return Visibility::Unknown;
    const bool behind = replicatedLastSync.isValid()
                        && (!endpoint->lastSuccessfulSyncDateTime.isValid()
                            || replicatedLastSync > endpoint->lastSuccessfulSyncDateTime);
    if (endpoint->status.value == SyncStatus::Failure && (behind || !replicatedLastSync.isValid()))
        return Visibility::SyncFailed;
    if (!replicatedLastSync.isValid())
        return Visibility::Unknown;
    return behind ? Visibility::NotVisibleYet : Visibility::Visible;
}

QString SqlEndpointSyncStore::visibilityText(Visibility visibility)
{
    switch (visibility) {
    case Visibility::Visible:
        return tr("Visible");
    case Visibility::NotVisibleYet:
        return tr("Replicated, not visible yet");
    case Visibility::SyncFailed:
        return tr("Endpoint sync failed");
    case Visibility::Unknown:
        break;
    }
    return {};
}

} // namespace fmc
