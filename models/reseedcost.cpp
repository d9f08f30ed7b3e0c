#include "reseedcost.h"

#include <QCoreApplication>

namespace fmc {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("fmc::ReseedCost", text);
}
} // namespace

QString reseedCostNote(const QString &sourceType)
{
    // From Learn's per-source pages: what the initial snapshot does at the source. Fabric's own
    // replication compute is not charged to the capacity; the source's work and queries are.
    const QString type = sourceType.toLower();
    if (type == QLatin1String("azuresqldatabase") || type == QLatin1String("azuresqlmi")
        || type == QLatin1String("mssql") || type == QLatin1String("sqlserver2025"))
        return tr("SQL sources: the snapshot reads every mirrored table in full, which uses the source's CPU and "
                  "I/O, and the transaction log cannot be truncated until replication has caught up again.");
    if (type == QLatin1String("azurepostgresql") || type == QLatin1String("postgresql"))
        return tr("PostgreSQL: the snapshot reads every mirrored table in full from the server, and its "
                  "replication slot keeps write-ahead log on the server until replication has caught up again.");
    if (type == QLatin1String("snowflake"))
        return tr("Snowflake: the snapshot runs queries in your Snowflake account, which bills the warehouse "
                  "compute (and any data egress) for reading every mirrored table again.");
    if (type == QLatin1String("cosmosdb"))
        return tr("Azure Cosmos DB: every container is read again in full from its continuous backup; large "
                  "containers take a long time to be complete again.");
    if (type == QLatin1String("genericmirror"))
        return tr("Open mirroring: Fabric reads no source itself; your writer must upload every table's data "
                  "again to the landing zone.");
    return tr("Every mirrored table is read again in full from the source; what that costs depends on the source.");
}

} // namespace fmc
