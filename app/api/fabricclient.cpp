#include "app/api/fabricclient.h"

#include "app/api/httplog.h"
#include "app/auth/accesstokensource.h"


namespace fmc {

FabricClient::FabricClient(const Config &config, AccessTokenSource *tokenSource, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_origin(config.apiBaseUrl)
    , m_tokenSource(tokenSource)
    , m_transport(new HttpTransport(this))
    , m_rng(config.seed ? *config.seed : std::random_device{}())
{
    m_resumeTimer.setSingleShot(true);
    connect(&m_resumeTimer, &QTimer::timeout, this, &FabricClient::dispatch);
    if (tokenSource)
        connect(tokenSource, &AccessTokenSource::tokensAvailable, this, &FabricClient::tokenAccepted);
    if (m_origin.checkBase() != OriginPolicy::Verdict::Allowed)
        qCWarning(lcApi).noquote() << "API base URL refused:" << HttpLog::url(config.apiBaseUrl);
}

FabricClient::~FabricClient()
{
    // Requests go first, silently, while the network manager still exists: no callback runs
    // for a client that is being destroyed (nor an activity signal).
    m_destroying = true;
    m_foreground.clear();
    m_background.clear();
    const auto requests = findChildren<ApiRequest *>(Qt::FindDirectChildrenOnly);
    for (ApiRequest *request : requests) {
        request->m_abandoned = true;
        request->m_client = nullptr;
        delete request;
    }
}

void FabricClient::start(ApiRequest *request)
{
    Q_ASSERT(request && !request->m_client);
    request->start(this);
}

void FabricClient::requestStarted()
{
    ++m_pending;
    if (!m_destroying)
        emit pendingChanged(m_pending);
}

void FabricClient::requestEnded()
{
    --m_pending;
    if (!m_destroying)
        emit pendingChanged(m_pending);
}

void FabricClient::reportSignInRequired(const QString &message)
{
    if (m_signInRequired || m_destroying)
        return;
    m_signInRequired = true;
    qCWarning(lcApi).noquote() << "sign-in required:" << HttpLog::scrub(message);
    emit signInRequired(message);
}

void FabricClient::tokenAccepted()
{
    if (!m_signInRequired)
        return;
    m_signInRequired = false;
    emit signInRestored();
}

void FabricClient::enqueue(ApiRequest *request)
{
    auto &queue = request->priority() == ApiRequest::Priority::Foreground ? m_foreground : m_background;
    queue.append(request);
    notifyActivity();
    // Dispatch from the event loop: the request may be in the middle of handling a reply.
    QMetaObject::invokeMethod(this, &FabricClient::dispatch, Qt::QueuedConnection);
}

void FabricClient::dequeue(ApiRequest *request)
{
    m_foreground.removeAll(request);
    m_background.removeAll(request);
    notifyActivity();
}

void FabricClient::exchangeFinished(ApiRequest *request)
{
    --m_inFlight;
    if (request->priority() == ApiRequest::Priority::Background)
        --m_inFlightBackground;
    notifyActivity();
    QMetaObject::invokeMethod(this, &FabricClient::dispatch, Qt::QueuedConnection);
}

void FabricClient::notifyActivity()
{
    if (m_destroying)
        return;
    const int inFlight = m_inFlight;
    const int queued = queuedCount();
    if (inFlight == m_reportedInFlight && queued == m_reportedQueued)
        return;
    m_reportedInFlight = inFlight;
    m_reportedQueued = queued;
    emit activityChanged(inFlight, queued);
}

void FabricClient::pauseFor(std::chrono::milliseconds unscaled)
{
    const qint64 ms = qint64(double(unscaled.count()) * m_config.timeScale);
    if (m_pausedUntil.hasExpired() || m_pausedUntil.remainingTime() < ms) {
        m_pausedUntil = QDeadlineTimer(ms);
        qCInfo(lcApi) << "throttled: pausing all requests for" << unscaled.count() << "ms";
        emit throttled(int(unscaled.count()));
    }
}

void FabricClient::dispatch()
{
    if (!m_pausedUntil.hasExpired()) {
        m_resumeTimer.start(int(std::max<qint64>(1, m_pausedUntil.remainingTime())));
        return;
    }
    m_foreground.removeAll(nullptr);
    m_background.removeAll(nullptr);
    while (m_inFlight < m_config.maxInFlight) {
        ApiRequest *next = nullptr;
        if (!m_foreground.isEmpty()) {
            next = m_foreground.takeFirst();
        } else if (!m_background.isEmpty() && m_inFlightBackground < m_config.maxInFlightBackground) {
            next = m_background.takeFirst();
        } else {
            break;
        }
        if (next->sendNow()) {
            ++m_inFlight;
            if (next->priority() == ApiRequest::Priority::Background)
                ++m_inFlightBackground;
        }
    }
    notifyActivity();
}

} // namespace fmc
