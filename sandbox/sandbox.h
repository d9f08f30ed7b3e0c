#pragma once

#include "sandbox/faultrule.h"
#include "sandbox/requestlog.h"
#include "sandbox/sandboxclock.h"
#include "sandbox/sandboxoptions.h"

#include <QAbstractHttpServer>
#include <QSslConfiguration>
#include <QHostAddress>
#include <QList>
#include <QUrl>

#include <memory>

namespace fmc::sandbox {

class EntraEmulator;
class FabricState;
struct SandboxResponse;

//! \brief fabric-sandbox: the Fabric mirroring REST API and the Entra ID emulator on one HTTP
//! server, with fault injection and a request log.
//!
//! Tests run it in-process: construct, listen(), point the client at serverUrl(), then steer it
//! with the methods below (the same operations the admin endpoint /_sandbox/ offers over HTTP).
//! It answers on the raw socket, so dropped connections, resets, stalls and short bodies are
//! real TCP events for the client.
class Sandbox : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit Sandbox(const SandboxOptions &options = {}, QObject *parent = nullptr);
    ~Sandbox() override;

    //! Starts one more listener (call again, e.g. on 127.0.0.2, for a "foreign host").
    //! Returns the port, 0 on failure.
    quint16 listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    //! \brief Starts a TLS listener presenting \a configuration (certificate, key, protocol range);
    //! the same API and sign-in emulator answer on it. Returns the port, 0 on failure.
    quint16 listenTls(const QHostAddress &address, const QSslConfiguration &configuration, quint16 port = 0);
    //! TLS handshakes completed on TLS listeners so far: a client that refused the certificate
    //! or the protocol completed none, so it cannot have sent a single request byte.
    int tlsHandshakesCompleted() const;
    //! http(s)://address:port of the first listener.
    QUrl serverUrl() const;
    //! http(s)://address:port of every listener, in the order they were started.
    QList<QUrl> listenerUrls() const;

    const SandboxOptions &options() const;
    SandboxClock *clock() const;
    FabricState *state() const;
    //! The sign-in emulator.
    EntraEmulator *entra() const;

    //! \name Faults
    //! @{
    int addFault(const FaultRule &rule);
    bool removeFault(int id);
    void clearFaults();
    QList<FaultRule> faults() const;
    void setLroMode(LroMode mode);
    //! Retry-After seconds on 202 and running states of operations started from now (< 0: none).
    void setLroRetryAfterSeconds(int seconds);
    //! How long operations started from now run, in sandbox ms (< 0: forever).
    void setLroDurationMs(int ms);
    //! How operations started from now end: empty or "Succeeded", "Failed", "Undefined", any word.
    void setLroEndStatus(const QString &status);
    //! @}

    //! \name Request log (API and sign-in requests; admin requests are not logged)
    //! @{
    QList<RequestLogEntry> requestLog() const;
    void clearRequestLog();
    //! @}

    //! Moves the sandbox clock forward by \a ms, paused or not.
    void advanceClock(qint64 ms);
    //! Freezes the sandbox clock, and so replication, state transitions, operations and token
    //! expiry, e.g. before a test compares a client's view with state(); see FabricState::pauseClock().
    void pauseClock();
    //! The clock moves on from where it stood when paused.
    void resumeClock();
    bool isClockPaused() const;
    bool pauseCapacity(const QString &capacityId);
    bool resumeCapacity(const QString &capacityId);
    //! Back to the seeded start: tenant rebuilt, faults and log cleared.
    void reset();
    void setRequireAuth(bool require);
    void setPublicBaseUrl(const QUrl &url);
    void setForeignBaseUrl(const QUrl &url);
    //! Every token issued so far stops working (needs the sign-in emulator).
    void revokeAllTokens();
    void setTokenLifetimeSeconds(int seconds);
    //! Writes the state file now (atomically); true if there is none.
    bool saveState(QString *error = nullptr);

Q_SIGNALS:
    //! A request has been answered (or dropped / stalled); \a sequence is its log entry.
    void requestFinished(qint64 sequence);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void addListener(const QString &scheme, const QHostAddress &address, quint16 port);
    //! The origin the ForeignLocation and Redirect faults point at: the rule's, the configured
    //! one, or another listener than the one \a socket arrived on.
    QUrl foreignOrigin(const FaultRule &fault, QTcpSocket *socket) const;
    void send(QTcpSocket *socket, SandboxResponse response, const QString &requestId,
              const std::optional<FaultRule> &fault, qint64 sequence, bool close);
    void write(QTcpSocket *socket, const SandboxResponse &response, const std::optional<FaultRule> &fault,
               bool close);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace fmc::sandbox
