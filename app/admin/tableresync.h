#pragma once

#include "models/apierror.h"
#include "models/itemdefinition.h"
#include "models/mirroringdefinition.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <chrono>
#include <optional>

namespace fmc {

class ApiRequest;
class FabricClient;

//! \brief Re-syncs one table of a running mirrored database: the ladder's second rung.
//!
//! There is no "reseed this table" call in the API, so it does what Learn suggests for a table
//! that must start over: read the definition (getDefinition), write it without the table
//! (updateDefinition), wait until getTablesMirroringStatus no longer lists it, then write the
//! original definition back, which adds the table again and snapshots it afresh. Only this table
//! is copied again; the others keep replicating.
//!
//! The definition read at the start is the one written back, part for part and byte for byte
//! (the `.platform` part is left out, so the item's metadata is never touched). If anything fails
//! or is cancelled after the table's removal was sent, that same original is written back before
//! finished() (up to three tries): the table is never left out by accident. The restore itself
//! cannot be cancelled.
//!
//! A definition that mirrors all tables (no `mountedTables`) has no list to remove a table from:
//! resync() then ends with MirrorAll, and writeTableList() writes an explicit list first.
class TableResync : public QObject
{
    Q_OBJECT
public:
    enum class Step { Idle, ReadingDefinition, RemovingTable, WaitingForRemoval, AddingTable, Restoring, WritingTableList };
    Q_ENUM(Step)
    enum class Outcome { Succeeded, Failed, Cancelled, MirrorAll, NotMounted, OnlyTable };
    Q_ENUM(Outcome)

    explicit TableResync(FabricClient *client, QObject *parent = nullptr);
    ~TableResync() override;

    //! How often the tables status is asked while waiting for the table to leave (default 5 s,
    //! scaled like every other wait by the client's timeScale).
    void setPollInterval(std::chrono::milliseconds interval) { m_pollInterval = interval; }
    //! How long to wait for the table to leave before giving up and restoring (default 10 min).
    void setRemovalTimeout(std::chrono::milliseconds timeout) { m_removalTimeout = timeout; }

    //! Starts the re-sync of \a schema.\a table in the mirrored database \a databaseId.
    void resync(const QString &workspaceId, const QString &databaseId, const QString &schema, const QString &table);
    //! \brief Writes \a tables as the definition's `mountedTables` (a mirror-all definition
    //! becomes an explicit list; new source tables are then no longer added on their own).
    void writeTableList(const QString &workspaceId, const QString &databaseId, const QList<MountedTable> &tables);
    //! Stops the step under way; a removal already sent is undone first. Ignored while restoring.
    void cancel();

    bool isBusy() const { return m_step != Step::Idle; }
    Step step() const { return m_step; }
    //! Whether cancel() has an effect now (not while restoring, not when idle).
    bool canCancel() const { return isBusy() && m_step != Step::Restoring; }
    //! The step's number in the re-sync (1 read, 2 remove, 3 wait, 4 add back) for a progress bar.
    static int stepNumber(Step step);
    static constexpr int StepCount = 4;

Q_SIGNALS:
    //! A step began, with a sentence for the progress line.
    void stepChanged(fmc::TableResync::Step step, const QString &text);
    //! Ended; \a message says what happened, and for failures whether the definition was restored.
    void finished(fmc::TableResync::Outcome outcome, const QString &message);

private:
    enum class Mode { Resync, WriteList };
    void setStep(Step step, const QString &text);
    void readDefinition();
    void onDefinition(const ItemDefinition &definition);
    void sendRemoval(const ItemDefinition &without);
    void pollTables();
    void addBack();
    void fail(Outcome outcome, const QString &message);
    void restore(int attempt);
    void finish(Outcome outcome, const QString &message);
    ItemDefinition originalForWrite() const;
    QString tableName() const;
    template <typename R, typename F>
    void send(R *request, F &&onResult);

    QPointer<FabricClient> m_client;
    QPointer<ApiRequest> m_request;
    QTimer m_pollTimer;
    std::chrono::milliseconds m_pollInterval{5000};
    std::chrono::milliseconds m_removalTimeout{10 * 60 * 1000};
    qint64 m_waitDeadlineMs = 0;
    Mode m_mode = Mode::Resync;
    Step m_step = Step::Idle;
    QString m_workspaceId, m_databaseId, m_schema, m_table;
    QList<MountedTable> m_newList;
    std::optional<ItemDefinition> m_original;
    bool m_removalSent = false;     //!< the definition may differ from m_original: restore on failure
    Outcome m_pendingOutcome = Outcome::Failed; //!< what restore() reports when it is done
    QString m_pendingMessage;
};

} // namespace fmc
