#pragma once

#include "app/readiness/readinessline.h"
#include "models/apierror.h"
#include "models/mirroringdefinition.h"
#include "models/mirroringstatusresponse.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <array>
#include <optional>

namespace fmc {

class ApiRequest;
class FabricClient;

//! \brief "Will it start?": the checklist run before Start and after a create or a definition
//! change (issue #18 part 3). For one mirrored database it calls, one after the other:
//! `getMirroringStatus` (not Paused, not Initializing, not already running), `getDefinition`
//! (long-running; the table count against the source type's limit, the source prerequisites) and
//! `POST /connections/{id}/testConnection` (long-running; Online or Offline with errors).
//! Each line's result arrives by lineChanged(); finished() ends a run, also a cancelled one.
//! A check that fails does not stop the others: the user sees everything that is wrong at once.
class ReadinessCheck : public QObject
{
    Q_OBJECT
public:
    explicit ReadinessCheck(FabricClient *client, QObject *parent = nullptr);
    ~ReadinessCheck() override;

    //! The table limits per source type (ConsoleSettings::definitionLimits()).
    void setLimits(const DefinitionLimits &limits) { m_limits = limits; }

    //! Starts the checks for \a databaseId in \a workspaceId; a run under way is abandoned.
    void run(const QString &workspaceId, const QString &databaseId);
    //! Ends the run: the call under way is cancelled, lines not done read Cancelled, finished() follows.
    void cancel();
    bool isRunning() const { return m_running; }

    const ReadinessLine &line(ReadinessLine::Check check) const { return m_lines[int(check)]; }
    //! Lines done (for a progress bar out of ReadinessLine::CheckCount).
    int doneCount() const;
    //! True when no line Failed and none was cancelled (warnings and to-dos do not block).
    bool passed() const;
    //! The status read by the run, if any (the dialog tells Stopped's reseed from it).
    const std::optional<MirroringStatusResponse> &status() const { return m_status; }
    //! The source type named by the definition, empty until it is read.
    QString sourceType() const { return m_sourceType; }

    //! The checklist's name for \a check ("Connection is online", ...).
    static QString title(ReadinessLine::Check check);
    //! \brief The table-count line for \a definition under \a limits, alone (no call needed):
    //! within the limit, over it (with the tables the service would leave out: the ones past the
    //! limit when sorted by schema, then table), or "mirror all data" with what that leaves out.
    static ReadinessLine tablesLine(const MirroringDefinition &definition, const DefinitionLimits &limits);
    //! The status line for \a status (Paused and Initializing fail, with what to do).
    static ReadinessLine statusLine(const MirroringStatusResponse &status);

Q_SIGNALS:
    void lineChanged(fmc::ReadinessLine::Check check);
    void finished(bool passed);

private:
    void setLine(ReadinessLine line);
    void setOutcome(ReadinessLine::Check check, ReadinessLine::Outcome outcome, const QString &summary);
    void checkStatus();
    void checkDefinition();
    void checkConnection(const QString &connectionId);
    void failFromDefinition(const QString &why);
    void finish();

    FabricClient *m_client;
    DefinitionLimits m_limits;
    QString m_workspaceId, m_databaseId;
    std::array<ReadinessLine, ReadinessLine::CheckCount> m_lines;
    std::optional<MirroringStatusResponse> m_status;
    QString m_sourceType;
    QPointer<ApiRequest> m_request;
    bool m_running = false;
    int m_generation = 0; //!< answers of an abandoned run are dropped
};

} // namespace fmc
