#include "app/history/historyschema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace fmc {
namespace {

// Each step takes the file from version (index + 1) - 1 to index + 1. Never edit a step that has
// shipped: add one.
const QList<QStringList> &steps()
{
    static const QList<QStringList> all = {
        // 1: table names interned once, so that a sample row is numbers and a short status text;
        // WITHOUT ROWID clusters a table's samples by time for range loads.
        {QStringLiteral("CREATE TABLE tables(id INTEGER PRIMARY KEY, database_id TEXT NOT NULL, "
                        "schema_name TEXT NOT NULL, table_name TEXT NOT NULL, "
                        "UNIQUE(database_id, schema_name, table_name))"),
         QStringLiteral("CREATE TABLE table_samples(table_id INTEGER NOT NULL, t INTEGER NOT NULL, "
                        "status TEXT NOT NULL, rows INTEGER, bytes INTEGER, last_sync INTEGER, latency INTEGER, "
                        "error_code TEXT, PRIMARY KEY(table_id, t)) WITHOUT ROWID"),
         QStringLiteral("CREATE TABLE events(id INTEGER PRIMARY KEY, database_id TEXT NOT NULL, t INTEGER NOT NULL, "
                        "kind TEXT NOT NULL, schema_name TEXT, table_name TEXT, before TEXT, after TEXT, "
                        "error_code TEXT, message TEXT)"),
         QStringLiteral("CREATE INDEX events_by_time ON events(database_id, t)")},
        // 2: the whole database per refresh: its status changes and the chart's totals.
        {QStringLiteral("CREATE TABLE database_samples(database_id TEXT NOT NULL, t INTEGER NOT NULL, "
                        "status TEXT NOT NULL, rows INTEGER, bytes INTEGER, latency INTEGER, "
                        "failed_tables INTEGER, error_code TEXT, PRIMARY KEY(database_id, t)) WITHOUT ROWID")},
        // 3: "since you last looked" needs when the user last looked.
        {QStringLiteral("CREATE TABLE seen(database_id TEXT PRIMARY KEY, t INTEGER NOT NULL)")},
        // 4: how far downsampling has gone, so that a pass skips what it thinned before.
        {QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER)")},
        // 5: "since you last looked" at start opens a dashboard of a database no window names:
        // it needs the database's workspace, and its name for the summary's heading.
        {QStringLiteral("ALTER TABLE seen ADD COLUMN workspace_id TEXT"),
         QStringLiteral("ALTER TABLE seen ADD COLUMN name TEXT")},
    };
    return all;
}

} // namespace

int HistorySchema::version(QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        if (error)
            *error = q.lastError().text();
        return -1;
    }
    return q.value(0).toInt();
}

HistorySchema::Result HistorySchema::migrate(QSqlDatabase &db, QString *error, int target)
{
    Q_ASSERT(steps().size() == kCurrentVersion);
    const int current = version(db, error);
    if (current < 0)
        return Result::Failed;
    if (current > kCurrentVersion) {
        if (error)
            *error = QStringLiteral("the file has schema version %1; this console knows up to %2")
                         .arg(current).arg(kCurrentVersion);
        return Result::NewerSchema;
    }
    for (int v = current; v < target; ++v) {
        if (!db.transaction()) {
            if (error)
                *error = db.lastError().text();
            return Result::Failed;
        }
        QSqlQuery q(db);
        bool ok = true;
        for (const QString &sql : steps().at(v)) {
            if (!q.exec(sql)) {
                ok = false;
                break;
            }
        }
        ok = ok && q.exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1));
        if (!ok || !db.commit()) {
            if (error)
                *error = q.lastError().isValid() ? q.lastError().text() : db.lastError().text();
            db.rollback();
            return Result::Failed;
        }
    }
    return Result::Ok;
}

} // namespace fmc
