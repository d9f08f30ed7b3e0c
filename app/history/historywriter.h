#pragma once

#include "app/history/historymaintenance.h"
#include "app/history/historyrecords.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

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

    //! Called from the GUI thread: appends under a short lock, never waits for the disk.
    bool enqueue(const QList<TableSample> &tables, const QList<DatabaseSample> &databases,
                 const QList<HistoryEvent> &events, const QString &seenDatabase = {}, qint64 seenMs = 0);
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
        QHash<QString, qint64> seen;
        qsizetype tableCount = 0;
        bool isEmpty() const { return tables.isEmpty() && databases.isEmpty() && events.isEmpty() && seen.isEmpty(); }
    };
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
    QMutex m_mutex;
    QWaitCondition m_wake;
    Batch m_queue;          //!< guarded by m_mutex
    bool m_stopping = false; //!< guarded by m_mutex
    std::atomic<bool> m_accepting{true};
    std::atomic<bool> m_stopRequested{false};
    std::atomic<qint64> m_committed{0};
    QHash<TableName, qint64> m_tableIds; //!< writer thread only
};

} // namespace fmc
