#pragma once

#include "app/history/historymaintenance.h"
#include "app/history/historyrecords.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QSemaphore>
#include <QThread>

#include <atomic>
#include <chrono>

class QSqlDatabase;

namespace fmc {

//! \brief The thread that owns a history file's connection: takes the lock, opens, migrates,
//! maintains, and commits queued records in batches. Only HistoryStore uses it.
class HistoryWriter : public QThread
{
    Q_OBJECT
public:
    //! Values of stateReached().
    enum State { Writing = 2, ReadOnly = 3, Unavailable = 4 };

    struct Settings {
        QString path;
        int retentionDays = 30;
        qint64 sizeCapBytes = 0;
        std::chrono::milliseconds batchDelay{250};
        std::chrono::milliseconds maintenanceInterval{std::chrono::hours(24)};
        qint64 fileLimitBytes = 0; //!< 0: none
    };

    explicit HistoryWriter(const Settings &settings);
    ~HistoryWriter() override;

    //! \brief Called from the GUI thread: pushes onto a lock-free list and returns; it never
    //! takes a lock the writer may hold, so it never waits for the writer or the disk.
    bool enqueue(const QList<TableSample> &tables, const QList<DatabaseSample> &databases,
                 const QList<HistoryEvent> &events, const SeenDatabase &seen = {});
    //! Commits what is queued, then ends the thread.
    void stop();
    qint64 committedCount() const { return m_committed.load(); }

Q_SIGNALS:
    void stateReached(int state, const QString &problem);
    void committed(qint64 total);
    void maintained(const fmc::HistoryMaintenance::Outcome &outcome);

protected:
    void run() override;

private:
    //! What record() calls gave, as they gave it: appending a list is O(1) (implicitly shared),
    //! so the GUI thread never copies a queue the writer is behind on.
    struct Batch {
        QList<QList<TableSample>> tables;
        QList<QList<DatabaseSample>> databases;
        QList<QList<HistoryEvent>> events;
        QHash<QString, SeenDatabase> seen; //!< by database id
        qsizetype tableCount = 0;
        bool isEmpty() const { return tables.isEmpty() && databases.isEmpty() && events.isEmpty() && seen.isEmpty(); }
    };
    //! One enqueue() call, as the writer finds it on the pending list.
    struct Pending {
        QList<TableSample> tables;
        QList<DatabaseSample> databases;
        QList<HistoryEvent> events;
        SeenDatabase seen;
        Pending *next = nullptr;
    };
    //! Takes every pending call, oldest first, into one batch.
    Batch takePending();
    //! Waits for enqueue() or stop() until \a deadline; false when it passed.
    bool waitForWork(const QDeadlineTimer &deadline);
    //! A table's identity without building a string per sample.
    struct TableName {
        QString databaseId, schema, table;
        bool operator==(const TableName &) const = default;
    };
    friend size_t qHash(const TableName &n, size_t seed) { return qHashMulti(seed, n.databaseId, n.schema, n.table); }
    void runWriting(QSqlDatabase &db);
    bool write(QSqlDatabase &db, const Batch &batch, QString *error);
    qint64 tableId(QSqlDatabase &db, const TableSample &sample, QString *error);
    void maintain(QSqlDatabase &db);

    const Settings m_settings;
    const QString m_connection;
    std::atomic<Pending *> m_pending{nullptr}; //!< newest first; pushed by enqueue(), taken whole
    std::atomic<qsizetype> m_pendingTables{0}; //!< table samples on m_pending
    QSemaphore m_wake;                         //!< released by enqueue() and stop() (futex, no lock)
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_accepting{true};
    std::atomic<bool> m_stopRequested{false};
    std::atomic<qint64> m_committed{0};
    QHash<TableName, qint64> m_tableIds; //!< writer thread only
};

} // namespace fmc
