#pragma once

#include "app/api/apirequest.h"
#include "app/api/apiresult.h"
#include "app/api/originpolicy.h"
#include "app/api/retrypolicy.h"
#include "app/auth/accesstokensource.h" // tokenSource() converts a QPointer: needs the whole type

#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

#include <optional>
#include <random>


namespace fmc {

//! \brief The Fabric REST client: one QNetworkAccessManager, one token source, one retry policy,
//! one queue. Requests are endpoint objects (app/api/requests/) handed to send(); results come
//! back to a callback bound to a context object (dropped if the context dies), always from the
//! event loop. A 429 with Retry-After pauses the whole queue; background requests (dashboard
//! polling) wait while foreground ones (user actions) are queued.
class FabricClient : public QObject
{
    Q_OBJECT
public:
    struct Config {
        QUrl apiBaseUrl = QUrl(QStringLiteral("https://api.fabric.microsoft.com/v1"));
        QString scope = QStringLiteral("https://api.fabric.microsoft.com/.default");
        RetryPolicy retry;
        //! Multiplies every wait and timeout (tests use e.g. 0.001 so minutes pass in ms).
        double timeScale = 1.0;
        //! Seeds the jitter RNG (tests); random when absent.
        std::optional<quint32> seed;
        //! \brief TLS settings for every request (e.g. an enterprise CA added with
        //! addCaCertificate()); the system defaults when absent. Whatever is given, peers are
        //! verified and TLS 1.2 is the minimum: there is no way to waive a certificate error.
        std::optional<QSslConfiguration> sslConfiguration;
        //! \brief A response body above this is refused while it is read, and not retried
        //! (docs/reliability-matrix.md, "Response size"); the JSON parser's own limit.
        qint64 maxBodyBytes = 64 * 1024 * 1024;
        int maxInFlight = 6;
        int maxInFlightBackground = 2;
    };

    explicit FabricClient(const Config &config, AccessTokenSource *tokenSource, QObject *parent = nullptr);
    ~FabricClient() override;

    const Config &config() const { return m_config; }
    const OriginPolicy &originPolicy() const { return m_origin; }
    AccessTokenSource *tokenSource() const { return m_tokenSource; }
    HttpTransport *transport() const { return m_transport; }

    //! \brief Starts \a request (taking ownership) and calls \a callback(ApiResult<R::Value>) in
    //! \a context's thread when it completes, unless \a context has been destroyed.
    template <typename R, typename F>
    R *send(R *request, QObject *context, F &&callback)
    {
        connect(request, &ApiRequest::completed, context,
                [request, cb = std::forward<F>(callback)]() mutable { cb(request->result()); });
        start(request);
        return request;
    }

    //! \brief Like send(), and \a onPage(const R::Page &) runs for each page as it arrives.
    template <typename R, typename P, typename F>
    R *sendPaged(R *request, QObject *context, P &&onPage, F &&callback)
    {
        connect(request, &ApiRequest::pageReceived, context,
                [request, cb = std::forward<P>(onPage)](int) mutable { cb(request->lastPage()); });
        return send(request, context, std::forward<F>(callback));
    }

    //! Starts \a request without a callback (use its signals). Takes ownership.
    void start(ApiRequest *request);

    //! Requests waiting for a free slot (not counting those waiting for a retry).
    int queuedCount() const { return int(m_foreground.size() + m_background.size()); }
    int inFlightCount() const { return m_inFlight; }
    //! Whether a 429 paused the queue, and for how long (remaining, scaled).
    bool isPaused() const { return !m_pausedUntil.hasExpired(); }
    //! \brief Calls started and not yet completed, whatever they wait for: a token, a free slot,
    //! the wire, a retry's backoff or a long-running operation's next poll. Non-zero while
    //! anything is in progress, even when nothing is on the wire (inFlightCount() 0).
    int pendingCount() const { return m_pending; }
    //! True after a call needed a new sign-in, until a token is accepted again.
    bool isSignInRequired() const { return m_signInRequired; }

signals:
    //! A 429 paused every request of this client for \a delayMs (unscaled).
    void throttled(int delayMs);
    //! \brief Network activity changed: \a inFlight exchanges are on the wire and \a queued
    //! requests wait for a free slot (or for a 429 pause to end). Emitted only when one of the two
    //! numbers changes; both 0 means idle. For the status bar.
    //! \sa inFlightCount(), queuedCount()
    void activityChanged(int inFlight, int queued);
    //! pendingCount() changed (for the status bar: "working…" while retries wait).
    void pendingChanged(int pending);
    //! \brief A call ended because the user must sign in again (a fresh token refused with 401,
    //! or the session asks for interaction). Emitted once until a token is accepted again;
    //! monitors stop polling on it.
    void signInRequired(const QString &message);
    //! A token was accepted again after signInRequired(): monitors resume.
    void signInRestored();

private:
    friend class ApiRequest;
    void enqueue(ApiRequest *request);
    void dequeue(ApiRequest *request);
    void exchangeFinished(ApiRequest *request);
    void pauseFor(std::chrono::milliseconds unscaled);
    void requestStarted();
    void requestEnded();
    void reportSignInRequired(const QString &message);
    void tokenAccepted();
    void dispatch();
    //! Emits activityChanged() if the counts differ from the last emission.
    void notifyActivity();
    std::mt19937 &rng() { return m_rng; }

    Config m_config;
    OriginPolicy m_origin;
    QPointer<AccessTokenSource> m_tokenSource;
    HttpTransport *m_transport;
    std::mt19937 m_rng;
    QList<QPointer<ApiRequest>> m_foreground;
    QList<QPointer<ApiRequest>> m_background;
    int m_inFlight = 0;
    int m_inFlightBackground = 0;
    QDeadlineTimer m_pausedUntil{0};
    QTimer m_resumeTimer;
    int m_reportedInFlight = 0;
    int m_reportedQueued = 0;
    int m_pending = 0;
    bool m_signInRequired = false;
    bool m_destroying = false;
};

} // namespace fmc
