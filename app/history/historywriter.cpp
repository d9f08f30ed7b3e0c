#include "app/history/historywriter.h"

#include "app/history/historyfile.h"
#include "app/history/historyschema.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <climits>
#include <memory>

Q_LOGGING_CATEGORY(lcHistory, "fmc.history")

namespace fmc {
namespace {

// Records waiting for the writer beyond this are dropped: a stalled disk must not grow memory.
constexpr qsizetype kMaxQueued = 1'000'000;
// Table samples that make a transaction worth its commit: the writer stops gathering there.
constexpr qsizetype kFullBatch = 5000;

QString writerConnectionName()
{
    static std::atomic<int> next{0};
    return QStringLiteral("fmc-history-writer-%1").arg(next++);
}

// SQLite's SQLITE_FULL, as the Qt driver reports it: the disk (or the file's ceiling) is full.
const QLatin1String kSqliteFull("13");

//! What went wrong, said plainly when it is the common case of a full disk.
QString describe(const QSqlError &error)
{
    if (error.nativeErrorCode() == kSqliteFull)
        return HistoryWriter::tr("the disk is full: %1").arg(error.text());
    return error.text();
}

QVariant orNull(qint64 v)
{
    return v < 0 ? QVariant() : QVariant(v);
}

QVariant orNull(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

} // namespace

HistoryWriter::HistoryWriter(const Settings &settings)
    : m_settings(settings)
    , m_connection(writerConnectionName())
{
}

HistoryWriter::~HistoryWriter()
{
    stop();
    wait();
    takePending(); // what came after the last batch, or to a writer that never wrote
}

bool HistoryWriter::enqueue(const QList<TableSample> &tables, const QList<DatabaseSample> &databases,
                            const QList<HistoryEvent> &events, const SeenDatabase &seen)
{
    if (!m_accepting.load())
        return false;
    if (m_pendingTables.load() + tables.size() > kMaxQueued)
        return false;
    // The lists are implicitly shared: the node holds the callers' data, copied by nobody.
    auto *node = new Pending{tables, databases, events, seen, m_pending.load()};
    while (!m_pending.compare_exchange_weak(node->next, node)) {
    }
    const qsizetype before = m_pendingTables.fetch_add(tables.size());
    // The writer needs waking only from idle or when a batch fills, not at every record.
    if (!node->next || (before < kFullBatch && before + tables.size() >= kFullBatch))
        m_wake.release();
    return true;
}

void HistoryWriter::stop()
{
    m_stopRequested = true; // a retention pass under way ends at its next table
    m_stopping = true;
    m_wake.release();
}

HistoryWriter::Batch HistoryWriter::takePending()
{
    Pending *newestFirst = m_pending.exchange(nullptr);
    Pending *oldestFirst = nullptr;
    while (newestFirst) {
        Pending *next = std::exchange(newestFirst->next, oldestFirst);
        oldestFirst = std::exchange(newestFirst, next);
    }
    Batch batch;
    while (oldestFirst) {
        std::unique_ptr<Pending> node(std::exchange(oldestFirst, oldestFirst->next));
        batch.tableCount += node->tables.size();
        if (!node->tables.isEmpty())
            batch.tables.append(std::move(node->tables));
        if (!node->databases.isEmpty())
            batch.databases.append(std::move(node->databases));
        if (!node->events.isEmpty())
            batch.events.append(std::move(node->events));
        if (!node->seen.databaseId.isEmpty())
            batch.seen.insert(node->seen.databaseId, node->seen); // the latest wins
    }
    m_pendingTables.fetch_sub(batch.tableCount);
    return batch;
}

bool HistoryWriter::waitForWork(const QDeadlineTimer &deadline)
{
    const qint64 remaining = deadline.remainingTime(); // -1: forever
    return m_wake.tryAcquire(1, int(std::min<qint64>(remaining < 0 ? INT_MAX : remaining, INT_MAX)));
}

void HistoryWriter::run()
{
    const auto unavailable = [this](const QString &why) {
        m_accepting = false;
        qCWarning(lcHistory) << "history not recorded:" << why;
        emit stateReached(Unavailable, why);
    };
    // One writer per file: a second console reads and does not write. A console that died keeps
    // no lock: QLockFile sees that the process holding it is gone.
    QLockFile lock(HistoryFile::lockPath(m_settings.path));
    lock.setStaleLockTime(0);
    const bool dirReady = QFileInfo(m_settings.path).absoluteDir().exists()
        || QDir().mkpath(QFileInfo(m_settings.path).absolutePath());
    if (dirReady && !lock.tryLock(0) && lock.error() == QLockFile::LockFailedError) {
        m_accepting = false;
        emit stateReached(ReadOnly, tr("Another console is recording this history; this one shows it but does "
                                       "not write it."));
        return;
    }
    // The owner's write bit too: a file the user made read-only stays so, even for root.
    const QFileInfo file(m_settings.path);
    if (file.exists() && (!file.isWritable() || !(file.permissions() & QFileDevice::WriteOwner)))
        return unavailable(tr("The history file %1 is read-only.").arg(m_settings.path));

    QString error;
    bool newer = false;
    if (!HistoryFile::open(m_connection, m_settings.path, true, &error, &newer))
        return unavailable(newer ? tr("The history file %1 was written by a newer console (%2).").arg(m_settings.path, error)
                                 : tr("The history file %1 cannot be opened: %2").arg(m_settings.path, error));
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        // A ceiling below the file's size is raised by SQLite to that size: no growth at all.
        if (m_settings.fileLimitBytes > 0) {
            QSqlQuery pages(db);
            if (pages.exec(QStringLiteral("PRAGMA page_size")) && pages.next()) {
                const qint64 pageSize = std::max<qint64>(512, pages.value(0).toLongLong());
                pages.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(m_settings.fileLimitBytes / pageSize));
            }
        }
        switch (HistorySchema::migrate(db, &error)) {
        case HistorySchema::Result::Ok:
            emit stateReached(Writing, {});
            runWriting(db);
            break;
        case HistorySchema::Result::NewerSchema:
            unavailable(tr("The history file %1 was written by a newer console (%2).").arg(m_settings.path, error));
            break;
        case HistorySchema::Result::Failed:
            unavailable(tr("The history file %1 cannot be prepared: %2").arg(m_settings.path, error));
            break;
        }
    }
    HistoryFile::close(m_connection);
}

void HistoryWriter::runWriting(QSqlDatabase &db)
{
    maintain(db);
    QDeadlineTimer nextMaintenance(m_settings.maintenanceInterval);
    for (;;) {
        if (!m_pending.load() && !m_stopping) {
            waitForWork(nextMaintenance);
            // Woken from idle: gather what arrives for a little longer, so that a refresh of
            // many databases is one transaction; a full batch is written at once. Behind
            // (records came while the last batch was written), the writer goes on at once.
            const QDeadlineTimer gather(m_settings.batchDelay);
            while (m_pending.load() && !m_stopping && m_pendingTables.load() < kFullBatch && !gather.hasExpired())
                waitForWork(gather);
        }
        const bool stopping = m_stopping;
        const Batch batch = takePending();
        if (!batch.isEmpty()) {
            QString error;
            if (!write(db, batch, &error)) {
                m_accepting = false;
                qCWarning(lcHistory) << "history write failed:" << error;
                emit stateReached(Unavailable, tr("History is no longer recorded: writing %1 failed (%2).")
                                                   .arg(m_settings.path, error));
                return;
            }
        }
        if (stopping)
            return;
        if (nextMaintenance.hasExpired()) {
            maintain(db);
            nextMaintenance.setRemainingTime(m_settings.maintenanceInterval);
        }
    }
}

qint64 HistoryWriter::tableId(QSqlDatabase &db, const TableSample &s, QString *error)
{
    const TableName key{s.databaseId, s.schema, s.table};
    if (const auto it = m_tableIds.constFind(key); it != m_tableIds.constEnd())
        return it.value();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO tables(database_id, schema_name, table_name) VALUES(?, ?, ?)"));
    q.addBindValue(s.databaseId);
    q.addBindValue(s.schema);
    q.addBindValue(s.table);
    if (!q.exec()) {
        *error = describe(q.lastError());
        return -1;
    }
    q.prepare(QStringLiteral("SELECT id FROM tables WHERE database_id = ? AND schema_name = ? AND table_name = ?"));
    q.addBindValue(s.databaseId);
    q.addBindValue(s.schema);
    q.addBindValue(s.table);
    if (!q.exec() || !q.next()) {
        *error = q.lastError().text();
        return -1;
    }
    const qint64 id = q.value(0).toLongLong();
    m_tableIds.insert(key, id);
    return id;
}

bool HistoryWriter::write(QSqlDatabase &db, const Batch &batch, QString *error)
{
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    const auto failed = [&](const QSqlQuery &q) {
        *error = describe(q.lastError());
        db.rollback();
        // Ids learnt in the rolled-back transaction may not exist.
        m_tableIds.clear();
        return false;
    };
    QSqlQuery tables(db);
    tables.prepare(QStringLiteral("INSERT OR REPLACE INTO table_samples VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    qint64 records = 0;
    for (const QList<TableSample> &part : batch.tables) {
        for (const TableSample &s : part) {
            ++records;
            const qint64 id = tableId(db, s, error);
            if (id < 0) {
                db.rollback();
                m_tableIds.clear();
                return false;
            }
            tables.bindValue(0, id);
            tables.bindValue(1, s.timeMs);
            tables.bindValue(2, s.status);
            tables.bindValue(3, orNull(s.rows));
            tables.bindValue(4, orNull(s.bytes));
            tables.bindValue(5, orNull(s.lastSyncMs));
            tables.bindValue(6, s.latencySeconds < 0 ? QVariant() : QVariant(s.latencySeconds));
            tables.bindValue(7, orNull(s.errorCode));
            if (!tables.exec())
                return failed(tables);
        }
    }
    QSqlQuery databases(db);
    databases.prepare(QStringLiteral("INSERT OR REPLACE INTO database_samples VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QList<DatabaseSample> &part : batch.databases) {
        for (const DatabaseSample &s : part) {
            ++records;
            databases.bindValue(0, s.databaseId);
            databases.bindValue(1, s.timeMs);
            databases.bindValue(2, s.status);
            databases.bindValue(3, orNull(s.rows)); // -1: a type whose API gives no rows
            databases.bindValue(4, orNull(s.bytes));
            databases.bindValue(5, s.worstLatencySeconds < 0 ? QVariant() : QVariant(s.worstLatencySeconds));
            databases.bindValue(6, s.failedTables);
            databases.bindValue(7, orNull(s.errorCode));
            if (!databases.exec())
                return failed(databases);
        }
    }
    QSqlQuery events(db);
    events.prepare(QStringLiteral("INSERT INTO events(database_id, t, kind, schema_name, table_name, before, after, "
                                  "error_code, message) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QList<HistoryEvent> &part : batch.events) {
        for (const HistoryEvent &e : part) {
            ++records;
            int i = 0;
            for (const QVariant &v : {QVariant(e.databaseId), QVariant(e.timeMs), QVariant(e.kind), orNull(e.schema),
                                      orNull(e.table), orNull(e.before), orNull(e.after), orNull(e.errorCode),
                                      orNull(e.message)})
                events.bindValue(i++, v);
            if (!events.exec())
                return failed(events);
        }
    }
    QSqlQuery seen(db);
    // A look never moves back (a summary closed after its dashboard opened marks its older read
    // time); a mark without a workspace or name keeps the ones known before.
    seen.prepare(QStringLiteral("INSERT INTO seen(database_id, t, workspace_id, name) VALUES(?, ?, ?, ?) "
                                "ON CONFLICT(database_id) DO UPDATE SET t = max(t, excluded.t), "
                                "workspace_id = coalesce(excluded.workspace_id, workspace_id), "
                                "name = coalesce(excluded.name, name)"));
    for (const SeenDatabase &s : batch.seen) {
        seen.bindValue(0, s.databaseId);
        seen.bindValue(1, s.timeMs);
        seen.bindValue(2, orNull(s.workspaceId));
        seen.bindValue(3, orNull(s.name));
        if (!seen.exec())
            return failed(seen);
    }
    if (!db.commit()) {
        *error = describe(db.lastError());
        db.rollback();
        m_tableIds.clear();
        return false;
    }
    const qint64 total = m_committed += records;
    emit committed(total);
    return true;
}

void HistoryWriter::maintain(QSqlDatabase &db)
{
    const HistoryMaintenance::Outcome outcome = HistoryMaintenance::run(
        db, QDateTime::currentMSecsSinceEpoch(), m_settings.retentionDays, m_settings.sizeCapBytes, &m_stopRequested);
    if (!outcome.ok)
        qCWarning(lcHistory) << "history retention pass failed:" << outcome.error;
    m_tableIds.clear(); // the size cap may have removed nothing from `tables`, but stay safe
    emit maintained(outcome);
}

} // namespace fmc
