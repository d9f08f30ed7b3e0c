#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <chrono>

namespace fmc {

class ApiRequest;
class FabricClient;

//! \brief Stops and starts mirroring of one database: the ladder's third rung, a full reseed.
//!
//! stopMirroring, then getMirroringStatus until the database reports Stopped (stopping takes a
//! while and the service refuses a start before), then startMirroring. Starting a stopped mirror
//! copies every table again from a new snapshot: the caller confirms that cost first.
//!
//! Cancel ends the step under way. Once the stop was sent the database may be left Stopped:
//! finished() says so, so the user knows to start it.
class MirroringRestart : public QObject
{
    Q_OBJECT
public:
    enum class Step { Idle, Stopping, WaitingForStopped, Starting };
    Q_ENUM(Step)
    enum class Outcome { Succeeded, Failed, Cancelled };
    Q_ENUM(Outcome)

    explicit MirroringRestart(FabricClient *client, QObject *parent = nullptr);
    ~MirroringRestart() override;

    //! How often the status is asked while stopping (default 5 s, scaled by the client's timeScale).
    void setPollInterval(std::chrono::milliseconds interval) { m_pollInterval = interval; }
    //! How long to wait for Stopped before giving up (default 10 min).
    void setStopTimeout(std::chrono::milliseconds timeout) { m_stopTimeout = timeout; }

    void restart(const QString &workspaceId, const QString &databaseId);
    //! \brief Reads the definition's source type (getDefinition) for the restart's confirmation,
    //! which names the cost of a reseed for that source; sourceTypeRead() follows, with an empty
    //! type when it could not be read. Independent of restart().
    void readSourceType(const QString &workspaceId, const QString &databaseId);
    void cancel();
    bool isBusy() const { return m_step != Step::Idle; }
    Step step() const { return m_step; }

Q_SIGNALS:
    void stepChanged(fmc::MirroringRestart::Step step, const QString &text);
    void finished(fmc::MirroringRestart::Outcome outcome, const QString &message);
    void sourceTypeRead(const QString &databaseId, const QString &sourceType);

private:
    void setStep(Step step, const QString &text);
    void pollStatus();
    void start();
    void finish(Outcome outcome, const QString &message);
    double timeScale() const;

    QPointer<FabricClient> m_client;
    QPointer<ApiRequest> m_request;
    QPointer<ApiRequest> m_sourceTypeRequest;
    QTimer m_pollTimer;
    std::chrono::milliseconds m_pollInterval{5000};
    std::chrono::milliseconds m_stopTimeout{10 * 60 * 1000};
    qint64 m_deadlineMs = 0;
    Step m_step = Step::Idle;
    QString m_workspaceId, m_databaseId;
};

} // namespace fmc
