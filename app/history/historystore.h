#pragma once

#include "app/history/historymaintenance.h"
#include "app/history/historyrecords.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

namespace fmc {

class HistoryWriter;

//! \brief The console's history file for one tenant and account, written off the GUI thread.
//!
//! open() hands the file to a writer thread, which takes the lock file beside it, opens the file
//! (WAL, 0600), migrates its schema and runs the retention pass; the GUI thread only appends to
//! a queue (record()), which the writer commits in batched transactions. Whatever goes wrong — a
//! damaged file, one from a newer console, a read-only file or a full disk — leaves the store
//! Unavailable: records are dropped, the console goes on, and unavailable() says so once. When
//! another console already writes the file, this one is ReadOnly: it reads, never writes.
class HistoryStore : public QObject
{
    Q_OBJECT
public:
    enum class State { Closed, Opening, Writing, ReadOnly, Unavailable };
    Q_ENUM(State)

    struct Options {
        int retentionDays = 30;
        qint64 sizeCapBytes = 512LL * 1024 * 1024;
        //! How long the writer gathers records before a commit (one transaction per batch).
        std::chrono::milliseconds batchDelay{250};
        //! Time between two retention passes while the file is open.
        std::chrono::milliseconds maintenanceInterval{std::chrono::hours(24)};
        //! \brief A hard ceiling on the file (SQLite's max_page_count); 0: the disk is the limit.
        //! Reaching it is a full disk: the store says so and stops writing.
        qint64 fileLimitBytes = 0;
    };

    explicit HistoryStore(QObject *parent = nullptr);
    //! Commits what is queued, then closes the file.
    ~HistoryStore() override;

    void setOptions(const Options &options);
    Options options() const { return m_options; }

    //! Starts opening \a path (closing the file open before); stateChanged() says how it went.
    void open(const QString &path);
    //! \brief Closes the file without waiting: the writer commits what is queued in its own thread
    //! and ends; closed() says when. Sign-out calls it on the GUI thread, which a last commit or a
    //! retention pass under way would have held. An open() meanwhile starts its writer after it.
    void close();
    //! A writer closed by close() has not ended yet.
    bool isClosing() const { return !m_closing.isEmpty(); }

    State state() const { return m_state; }
    bool isWritable() const { return m_state == State::Writing || m_state == State::Opening; }
    QString filePath() const { return m_path; }
    //! Why the store is Unavailable or ReadOnly, one sentence; empty otherwise.
    QString problem() const { return m_problem; }

    //! Queues records for the writer; returns at once. Dropped unless the store may write.
    void record(const QList<TableSample> &tables, const QList<DatabaseSample> &databases,
                const QList<HistoryEvent> &events);
    //! \brief Remembers that the user looked at \a databaseId at \a timeMs ("since you last
    //! looked"), with its workspace and name so that the console's start can open it; empty ones
    //! keep what the file knew.
    void markSeen(const QString &databaseId, qint64 timeMs, const QString &workspaceId = {},
                  const QString &name = {});

    //! Samples and events committed since open().
    qint64 committedCount() const;

Q_SIGNALS:
    void stateChanged(fmc::HistoryStore::State state);
    //! Once per open(): the history is not recorded (or only read), and why.
    void unavailable(const QString &sentence);
    //! A batch was committed; \a total records since open().
    void committed(qint64 total);
    //! A retention pass ended.
    void maintained(const fmc::HistoryMaintenance::Outcome &outcome);
    //! The writers closed by close() have all ended; their files are committed and closed.
    void closed();

private:
    void onWriterState(int state, const QString &problem);
    void onWriterEnded(quint64 serial);

    Options m_options;
    State m_state = State::Closed;
    QString m_path;
    QString m_problem;
    std::unique_ptr<HistoryWriter> m_writer;
    quint64 m_writerSerial = 0; //!< names writers in queued signals (never a pointer that may dangle)
    bool m_writerStarted = false;
    //! Closed, still committing their last batch, by serial; deleted as each ends.
    QHash<quint64, HistoryWriter *> m_closing;
};

} // namespace fmc

Q_DECLARE_METATYPE(fmc::HistoryMaintenance::Outcome)
