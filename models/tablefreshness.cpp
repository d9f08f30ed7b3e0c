#include "tablefreshness.h"

#include <QCoreApplication>

namespace fmc {

TableFreshness tableFreshness(const TableMirroringStatus &table, const QDateTime &nowUtc, std::chrono::seconds idleAfter)
{
    // An error on a table that still says Replicating is the portal's "Running with warning":
    // something is wrong even though the status looks fine.
    if (table.error)
        return TableFreshness::Stale;
    switch (table.status.value) {
    case TableStatus::Initialized:
    case TableStatus::Snapshotting:
    case TableStatus::Reseeding:
        return TableFreshness::CatchingUp;
    case TableStatus::Replicating:
        break;
    case TableStatus::Stopped:
    case TableStatus::Failed:
    case TableStatus::Unknown:
        return TableFreshness::Stale;
    }
    const QDateTime lastSync = table.metrics ? table.metrics->lastSyncDateTime : QDateTime();
    if (!lastSync.isValid() || !nowUtc.isValid())
        return TableFreshness::Current;
    return lastSync.secsTo(nowUtc) > idleAfter.count() ? TableFreshness::Idle : TableFreshness::Current;
}

QString freshnessText(TableFreshness freshness)
{
    switch (freshness) {
    case TableFreshness::Current:
        return QCoreApplication::translate("fmc::TableFreshness", "Current");
    case TableFreshness::Idle:
        return QCoreApplication::translate("fmc::TableFreshness", "Idle");
    case TableFreshness::CatchingUp:
        return QCoreApplication::translate("fmc::TableFreshness", "Catching up");
    case TableFreshness::Stale:
        return QCoreApplication::translate("fmc::TableFreshness", "Stale");
    }
    return {};
}

} // namespace fmc
