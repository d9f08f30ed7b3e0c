#pragma once

#include "app/api/httptransport.h"
#include "app/api/retrypolicy.h"
#include "models/apierror.h"
#include "models/json.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <any>
#include <functional>
#include <memory>


namespace fmc {

class FabricClient;

//! \brief One call to the Fabric REST API: the base every endpoint class derives from.
//! It owns everything that is the same for every endpoint: the bearer token (only to the API
//! origin), `x-ms-client-request-id` (the same on every retry), per-try timeout and overall
//! deadline, retries per RetryPolicy and the idempotency of the call, Retry-After, one token
//! refresh after a 401, long-running operations (202 → poll → result), continuation-token paging,
//! and decoding the service's ErrorResponse. An endpoint class only names the verb, path, query
//! and body and decodes its success body in parseResult().
//!
//! Lifetime: FabricClient::send() parents the request to the client; it deletes itself after
//! completed() (always emitted from the event loop, never from inside send()).
class ApiRequest : public QObject
{
    Q_OBJECT
public:
    //! Whether re-sending after an unclear failure could repeat a side effect (docs/reliability-matrix.md,
    //! "Non-idempotent POST safety").
    enum class Safety { Idempotent, NonIdempotent };
    //! Background work (dashboard polling) waits while foreground work is queued.
    enum class Priority { Foreground, Background };
    //! How a 202 Accepted is treated.
    enum class Lro { None, NoResult, WithResult };

    ~ApiRequest() override;

    QByteArray verb() const { return m_verb; }
    QString path() const { return m_path; }
    Safety safety() const { return m_safety; }
    Priority priority() const { return m_priority; }
    void setPriority(Priority priority) { m_priority = priority; }

    //! The `x-ms-client-request-id` sent with every attempt of this call.
    QString clientRequestId() const { return m_clientRequestId; }
    //! The long-running operation's id once a 202 named one (kept after cancel, for resuming).
    QString operationId() const { return m_operationId; }
    //! HTTP exchanges made so far (attempts, replays, pages, polls).
    int requestCount() const { return m_requestCount; }
    int pageCount() const { return m_pageCount; }
    bool isFinished() const { return m_state == State::Finished; }
    const ApiError &error() const { return m_error; }

    //! \brief Ends the call: no further request is sent, an exchange in flight is aborted, and
    //! completed() follows with a Cancelled error (the operation id stays available).
    void cancel();
    //! Like cancel(), but completed() is not emitted either.
    void abandon();

signals:
    //! A retry of the current step will be sent after \a delayMs (unscaled, as the policy or
    //! server said); \a attempt counts retries from 1.
    void retryScheduled(int attempt, int delayMs);
    //! A 202 started a long-running operation.
    void operationStarted(const QString &operationId);
    //! The operation's percentComplete.
    void progress(int percentComplete);
    //! Page \a pageIndex (from 0) was decoded; the endpoint class exposes its items.
    void pageReceived(int pageIndex);
    //! The call ended; error() says how. Emitted once, asynchronously.
    void completed();

protected:
    ApiRequest(QByteArray verb, QString path, QUrlQuery query = {}, Safety safety = Safety::Idempotent);

public:
    //! \brief At most \a pages pages for this call (a bounded crawl), below the client's
    //! RetryPolicy::maxPages; more end the call with PagingLoop after the last one is delivered.
    void setMaxPages(int pages) { m_maxPages = pages; }
    //! \brief Keep at most \a items entries of a page's item list (`value` / `data`); the rest
    //! are skipped while parsing, so a hostile 17 MB page of a million entries never becomes a
    //! million JSON objects in memory. itemsDropped() says how many were skipped on the last page.
    void setMaxItemsPerPage(int items) { m_maxItemsPerPage = items; }
    qint64 itemsDropped() const { return m_itemsDropped; }

protected:
    void setJsonBody(const Json &body);
    //! A path segment (an id) percent-encoded for m_path.
    static QString segment(const QString &value);
    //! `?name=true` when \a set, else no parameter (Fabric's optional boolean switches).
    static QUrlQuery flagQuery(const QString &name, bool set);
    //! Follow continuationToken / continuationUri after each page.
    void setPaged(bool paged) { m_paged = paged; }
    void setLongRunning(Lro lro) { m_lro = lro; }
    //! Start by polling an existing operation instead of sending the request (resume after restart).
    void setResumeOperation(const QString &operationId) { m_operationId = operationId; m_resume = true; }

    //! \brief Decodes a success body (one page when paged; the /result body of an operation).
    //! \a body is null when the response had none. Return a Decode error if it does not fit.
    virtual ApiError parseResult(const Json &body);
    //! \brief A page decoder that may run in a worker thread: a function of the parsed body that
    //! touches nothing of the request; applyDecodedPage() takes its result on the request's
    //! thread. Big pages of a paged call are decoded so, and the GUI thread only applies them.
    //! None by default: parseResult() decodes, on the request's thread.
    using PageDecoder = std::function<std::any(const Json &body)>;
    virtual PageDecoder pageDecoder() const { return {}; }
    //! \brief Takes what pageDecoder()'s function returned, as parseResult() takes a body;
    //! \a links is what the worker kept of the body for paging (`continuationToken`,
    //! `continuationUri`).
    virtual ApiError applyDecodedPage(std::any &decoded, const Json &links);
    //! \brief Decodes an error response; the one place the ErrorResponse body is read.
    virtual ApiError decodeError(int httpStatus, const QByteArray &body, const HttpHeaders &headers) const;

private:
    friend class FabricClient;
    enum class State { Idle, Token, Queued, InFlight, Waiting, Finished };
    enum class Phase { Call, Poll, Result };

    void start(FabricClient *client);
    void beginStep(const QUrl &url, Phase phase);
    void requestToken();
    //! Called by FabricClient when a slot is free and the queue is not paused; false when the
    //! request failed before opening a connection.
    bool sendNow();
    void onResponse(HttpResponse response);
    void onTryTimeout();
    void onDeadline();
    void handleSuccess(int status, const QByteArray &body, const HttpHeaders &headers);
    void handleParsedSuccess(int status, Json json, const HttpHeaders &headers, std::any decodedPage = {});
    void handleHttpError(int status, const QByteArray &body, const HttpHeaders &headers);
    //! The kind of a body that was refused or does not parse: final either way (never retried).
    ApiError::Kind undecodableKind(int status) const;
    void handleTransportFailure(ApiError error, bool requestMayHaveArrived);
    void retryOrFail(ApiError error, std::optional<std::chrono::milliseconds> serverDelay, bool mayResend);
    void handleOperationState(const Json &state, const HttpHeaders &headers);
    void waitForNextPoll(const HttpHeaders &headers);
    void waitThen(std::chrono::milliseconds delay, std::function<void()> next);
    void nextPageOrFinish(const Json &page);
    void finish(ApiError error);
    void dropReply();
    QUrl operationUrl(const QString &suffix) const;
    qint64 scaled(std::chrono::milliseconds ms) const;

    QByteArray m_verb;
    QString m_path;
    QUrlQuery m_query;
    Safety m_safety;
    Priority m_priority = Priority::Foreground;
    QByteArray m_body;
    bool m_hasBody = false;
    bool m_paged = false;
    Lro m_lro = Lro::None;
    bool m_resume = false;

    QPointer<FabricClient> m_client;
    quint64 m_exchange = 0; //!< HttpTransport's id of the exchange in flight, or 0
    State m_state = State::Idle;
    Phase m_phase = Phase::Call;
    QUrl m_url;
    QByteArray m_stepVerb;
    QString m_token;
    bool m_forceRefresh = false;
    bool m_replayedAfter401 = false;
    bool m_requestWritten = false;
    int m_retry = 0;
    int m_redirects = 0;
    int m_requestCount = 0;
    int m_pageCount = 0;
    int m_maxPages = 0;        // 0: the client's policy
    int m_maxItemsPerPage = 0; // 0: all
    qint64 m_itemsDropped = 0;
    QSet<QString> m_seenTokens;
    QString m_clientRequestId;
    QString m_operationId;
    QUrl m_operationLocation;
    std::function<void()> m_afterWait;
    bool m_abandoned = false;
    bool m_counted = false; // in the client's pendingCount()
    QDeadlineTimer m_stepDeadline;
    QDeadlineTimer m_operationDeadline;
    QTimer m_tryTimer;
    QTimer m_deadlineTimer;
    QTimer m_waitTimer;
    std::unique_ptr<QObject> m_tokenContext; // dropping it discards a pending token callback
    ApiError m_error;
};

} // namespace fmc
