#include "app/history/historystore.h"

#include "app/history/historywriter.h"

namespace fmc {

HistoryStore::HistoryStore(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<fmc::HistoryMaintenance::Outcome>();
    qRegisterMetaType<fmc::HistoryStore::State>();
}

HistoryStore::~HistoryStore()
{
    // At exit what is queued is committed before the process ends: here waiting is the point.
    for (HistoryWriter *writer : std::as_const(m_closing)) {
        writer->disconnect(this);
        writer->wait();
        delete writer;
    }
    if (m_writer) {
        if (!m_writerStarted) // it waited for those: it still has its records to commit
            m_writer->start(QThread::LowPriority);
        m_writer->stop();
        m_writer->wait();
    }
}

void HistoryStore::setOptions(const Options &options)
{
    m_options = options;
}

void HistoryStore::open(const QString &path)
{
    close();
    m_path = path;
    m_problem.clear();
    HistoryWriter::Settings settings;
    settings.path = path;
    settings.retentionDays = m_options.retentionDays;
    settings.sizeCapBytes = m_options.sizeCapBytes;
    settings.batchDelay = m_options.batchDelay;
    settings.maintenanceInterval = m_options.maintenanceInterval;
    settings.fileLimitBytes = m_options.fileLimitBytes;
    m_writer = std::make_unique<HistoryWriter>(settings);
    connect(m_writer.get(), &HistoryWriter::stateReached, this, &HistoryStore::onWriterState);
    connect(m_writer.get(), &HistoryWriter::committed, this, &HistoryStore::committed);
    connect(m_writer.get(), &HistoryWriter::maintained, this, &HistoryStore::maintained);
    connect(m_writer.get(), &QThread::finished, this, [this, serial = ++m_writerSerial] { onWriterEnded(serial); });
    m_state = State::Opening;
    m_writerStarted = false;
    emit stateChanged(m_state);
    // The same file's lock is held until a closing writer ends: this one starts after it
    // (onWriterEnded), or it would find the lock taken and only read.
    if (!m_closing.isEmpty())
        return;
    // Below the GUI where the platform maps it; on Linux LowPriority is SCHED_OTHER's one
    // priority. IdlePriority (SCHED_IDLE) was measured there: the GUI thread's longest stalls
    // stayed as long (fmc-bench-history shows them spent runnable, waiting for a core that other
    // processes hold), and the writer starved behind those processes (0.66x the bare insert).
    m_writer->start(QThread::LowPriority);
    m_writerStarted = true;
}

void HistoryStore::close()
{
    if (!m_writer)
        return;
    HistoryWriter *writer = m_writer.release();
    // Its state and commits belong to a file no longer open; its end still comes to onWriterEnded.
    disconnect(writer, &HistoryWriter::stateReached, this, nullptr);
    disconnect(writer, &HistoryWriter::committed, this, nullptr);
    disconnect(writer, &HistoryWriter::maintained, this, nullptr);
    if (m_writerStarted && !writer->isFinished()) {
        m_closing.insert(m_writerSerial, writer);
        writer->stop();
    } else {
        // Already ended, or never started (closed again while an earlier writer was closing: what
        // was queued to it in those milliseconds is dropped, as by a writer that could not open).
        delete writer;
    }
    if (m_state != State::Closed) {
        m_state = State::Closed;
        emit stateChanged(m_state);
    }
}

void HistoryStore::onWriterEnded(quint64 serial)
{
    HistoryWriter *writer = m_closing.take(serial);
    if (!writer)
        return; // the open writer, which ended by itself (unavailable, read-only)
    delete writer; // ended: its destructor waits at most for the thread's last instructions
    if (!m_closing.isEmpty())
        return;
    if (m_writer && !m_writerStarted) {
        m_writer->start(QThread::LowPriority);
        m_writerStarted = true;
    }
    emit closed();
}

void HistoryStore::record(const QList<TableSample> &tables, const QList<DatabaseSample> &databases,
                          const QList<HistoryEvent> &events)
{
    if (m_writer && isWritable())
        m_writer->enqueue(tables, databases, events);
}

void HistoryStore::markSeen(const QString &databaseId, qint64 timeMs, const QString &workspaceId,
                            const QString &name)
{
    if (m_writer && isWritable())
        m_writer->enqueue({}, {}, {}, SeenDatabase{databaseId, workspaceId, name, timeMs});
}

qint64 HistoryStore::committedCount() const
{
    return m_writer ? m_writer->committedCount() : 0;
}

void HistoryStore::onWriterState(int state, const QString &problem)
{
    if (!m_writer || sender() != m_writer.get())
        return; // from a writer closed since
    const State before = m_state;
    m_state = state == HistoryWriter::Writing ? State::Writing
            : state == HistoryWriter::ReadOnly ? State::ReadOnly
                                               : State::Unavailable;
    m_problem = problem;
    if (m_state != before)
        emit stateChanged(m_state);
    // Said once per open: the writer reaches Unavailable or ReadOnly at most once.
    if (!problem.isEmpty())
        emit unavailable(problem);
}

} // namespace fmc
