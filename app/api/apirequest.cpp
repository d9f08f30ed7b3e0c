#include "app/api/apirequest.h"

#include "app/api/fabricclient.h"
#include "app/api/httplog.h"
#include "app/api/pathid.h"
#include "app/api/safenumber.h"
#include "app/auth/accesstokensource.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

namespace fmc {

using std::chrono::milliseconds;

namespace {

constexpr int MaxRedirects = 5;

//! Bodies at least this big are parsed in a worker thread: a page of 100 tables (~25 KB) takes
//! ~0.3 ms to parse, and a dashboard refresh of 10,000 tables spent ~45 ms of its GUI thread on
//! it; below this size the hop to a worker and back costs more than it saves.
constexpr qsizetype ParseInWorkerBytes = 16 * 1024;

//! What a worker hands back: the parsed body, or why it is not JSON; for a page decoded there
//! too, the decoded page and only the continuation fields of the body.
struct ParsedBody {
    std::optional<Json> json;
    QString error;
    std::any decodedPage;
    qint64 dropped = 0; // page items skipped (ApiRequest::setMaxItemsPerPage())
};

//! \brief Parses a page keeping only the first \a maxItems entries of its item arrays (the arrays
//! one level down: `{"value": [ {…}, … ]}`). The surplus is cut out of the text by a byte scan
//! before parsing, so it never becomes JSON objects (nlohmann's discarding callback parser is
//! quadratic in the kept entries: minutes for a million).
ParsedBody parseBoundedPage(const QByteArray &bytes, int maxItems)
{
    ParsedBody out;
    const JsonLimits limits;
    if (bytes.size() > limits.maxBytes) {
        out.error = QCoreApplication::translate("fmc::ApiRequest", "The response is too large.");
        return out;
    }
    QByteArray kept;
    std::vector<char> open; // the containers open at this point
    bool inString = false;
    bool escaped = false;
    qsizetype copiedUpTo = 0; // bytes before this are in kept (or cut)
    qsizetype cutFrom = -1;   // the comma before the first surplus entry of the current array
    qint64 entries = 0;
    const char *data = bytes.constData();
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = data[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        const bool inItemArray = open.size() == 2 && open[1] == '[';
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            if (inItemArray && ++entries > maxItems)
                ++out.dropped;
            open.push_back(c);
            if (open.size() == 2)
                entries = 0;
            if (int(open.size()) > limits.maxDepth) {
                out.error = QCoreApplication::translate("fmc::ApiRequest", "The response is nested too deeply.");
                return out;
            }
            break;
        case ',':
            if (inItemArray && entries == maxItems && cutFrom < 0)
                cutFrom = i;
            break;
        case '}':
        case ']':
            if (inItemArray && c == ']' && cutFrom >= 0) {
                kept.append(data + copiedUpTo, cutFrom - copiedUpTo);
                copiedUpTo = i;
                cutFrom = -1;
            }
            if (!open.empty())
                open.pop_back();
            break;
        default:
            break;
        }
    }
    if (copiedUpTo == 0) {
        out.json = parseJson(bytes, &out.error);
        return out;
    }
    kept.append(data + copiedUpTo, bytes.size() - copiedUpTo);
    out.json = parseJson(kept, &out.error);
    return out;
}

QByteArray headerValue(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

//! A continuation token may arrive already URL-encoded ("LDEsMTAwMDAwLDA%3D", as Fabric sends it)
//! or raw; keep existing %XX escapes and encode everything else that is not unreserved.
QByteArray encodeToken(const QString &token)
{
    const QByteArray utf8 = token.toUtf8();
    QByteArray out;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8.at(i);
        const bool escape = c == '%' && i + 2 < utf8.size() && isxdigit(uchar(utf8.at(i + 1)))
                            && isxdigit(uchar(utf8.at(i + 2)));
        if (escape || isalnum(uchar(c)) || c == '-' || c == '.' || c == '_' || c == '~')
            out += c;
        else
            out += '%' + QByteArray::number(uchar(c), 16).rightJustified(2, '0').toUpper();
    }
    return out;
}

//! The service's request id of a response, from its headers (for errors whose body has none).
QString requestIdOf(const HttpHeaders &headers)
{
    QByteArray id = headerValue(headers, "requestId");
    if (id.isEmpty())
        id = headerValue(headers, "x-ms-request-id");
    return QString::fromLatin1(id);
}

QString jsonString(const Json &object, const char *key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? toQString(it->get<std::string>()) : QString();
}

} // namespace

ApiRequest::ApiRequest(QByteArray verb, QString path, QUrlQuery query, Safety safety)
    : m_verb(std::move(verb))
    , m_path(std::move(path))
    , m_query(std::move(query))
    , m_safety(safety)
    , m_clientRequestId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    for (QTimer *timer : {&m_tryTimer, &m_deadlineTimer, &m_waitTimer})
        timer->setSingleShot(true);
    connect(&m_tryTimer, &QTimer::timeout, this, &ApiRequest::onTryTimeout);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &ApiRequest::onDeadline);
    connect(&m_waitTimer, &QTimer::timeout, this, [this] {
        if (auto next = std::exchange(m_afterWait, {}))
            next();
    });
}

ApiRequest::~ApiRequest()
{
    dropReply();
    if (m_client)
        m_client->dequeue(this);
    if (std::exchange(m_counted, false) && m_client)
        m_client->requestEnded();
}

void ApiRequest::setJsonBody(const Json &body)
{
    m_body = dumpJson(body);
    m_hasBody = true;
}

QString ApiRequest::segment(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QUrlQuery ApiRequest::flagQuery(const QString &name, bool set)
{
    QUrlQuery query;
    if (set)
        query.addQueryItem(name, QStringLiteral("true"));
    return query;
}

ApiError ApiRequest::parseResult(const Json &)
{
    return {};
}

ApiError ApiRequest::applyDecodedPage(std::any &, const Json &)
{
    return {};
}

ApiError ApiRequest::decodeError(int httpStatus, const QByteArray &body, const HttpHeaders &headers) const
{
    ApiError error = ApiError::fromHttp(httpStatus, body);
    if (error.requestId().isEmpty())
        error.setRequestId(requestIdOf(headers));
    if (error.errorCode().isEmpty())
        error.setErrorCode(QString::fromLatin1(headerValue(headers, "x-ms-public-api-error-code")));
    error.setRetryAfter(parseRetryAfter(headers));
    return error;
}

void ApiRequest::cancel()
{
    if (m_state == State::Finished)
        return;
    qCDebug(lcApi) << "cancelled" << m_verb << m_path << "clientRequestId" << m_clientRequestId;
    finish(ApiError(ApiError::Kind::Cancelled));
}

void ApiRequest::abandon()
{
    m_abandoned = true;
    cancel();
}

qint64 ApiRequest::scaled(milliseconds ms) const
{
    const double scale = m_client ? m_client->config().timeScale : 1.0;
    return std::max<qint64>(0, qint64(double(ms.count()) * scale));
}

void ApiRequest::start(FabricClient *client)
{
    m_client = client;
    setParent(client);
    m_counted = true;
    client->requestStarted();
    const OriginPolicy &origin = client->originPolicy();
    switch (origin.checkBase()) {
    case OriginPolicy::Verdict::Allowed:
        break;
    case OriginPolicy::Verdict::Insecure:
        return finish(ApiError(ApiError::Kind::Insecure, tr("The API URL must use https (http is allowed only for loopback).")));
    default:
        return finish(ApiError(ApiError::Kind::InvalidUrl, tr("The API URL is not a valid http(s) URL.")));
    }
    // Nothing leaves the client with an id that could re-target the request (a placeholder, `..`).
    if (const QString why = m_resume ? PathId::check(m_operationId) : PathId::checkPath(m_path); !why.isEmpty())
        return finish(
            ApiError(ApiError::Kind::InvalidUrl, tr("Refused to send %1: %2").arg(QString::fromLatin1(m_verb), why)));
    if (m_resume) {
        m_operationDeadline = QDeadlineTimer(scaled(client->config().retry.operationLimit));
        return beginStep(operationUrl({}), Phase::Poll);
    }
    QUrl url = QUrl::fromEncoded(origin.baseUrl().toEncoded(QUrl::StripTrailingSlash | QUrl::RemoveQuery
                                                            | QUrl::RemoveFragment)
                                 + m_path.toUtf8());
    url.setQuery(m_query);
    beginStep(url, Phase::Call);
}

QUrl ApiRequest::operationUrl(const QString &suffix) const
{
    if (!m_operationId.isEmpty()) {
        const QUrl base = m_client->originPolicy().baseUrl();
        return QUrl::fromEncoded(base.toEncoded(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment)
                                 + "/operations/" + QUrl::toPercentEncoding(m_operationId) + suffix.toUtf8());
    }
    QUrl url = m_operationLocation;
    url.setPath(url.path() + suffix);
    return url;
}

void ApiRequest::beginStep(const QUrl &url, Phase phase)
{
    if (m_state == State::Finished)
        return;
    if (phase != Phase::Call && m_operationDeadline.hasExpired()) {
        ApiError error(ApiError::Kind::StillRunning);
        error.setOperationId(m_operationId);
        return finish(error);
    }
    // Every step (the call, one page, one poll) gets its own retry budget and deadline, so a long
    // list or operation is bounded by the page count or the operation limit instead.
    m_url = url;
    m_phase = phase;
    m_stepVerb = phase == Phase::Call ? m_verb : QByteArray("GET");
    m_retry = 0;
    m_redirects = 0;
    m_replayedAfter401 = false;
    const qint64 deadline = scaled(m_client->config().retry.overallDeadline);
    m_stepDeadline = QDeadlineTimer(deadline);
    m_deadlineTimer.start(int(std::min<qint64>(deadline, std::numeric_limits<int>::max())));
    requestToken();
}

void ApiRequest::requestToken()
{
    if (m_state == State::Finished)
        return;
    AccessTokenSource *source = m_client->tokenSource();
    if (!source) {
        m_token.clear();
        m_state = State::Queued;
        m_client->enqueue(this);
        return;
    }
    m_state = State::Token;
    m_tokenContext = std::make_unique<QObject>();
    const bool force = std::exchange(m_forceRefresh, false);
    source->requestToken(force, m_tokenContext.get(), [this](const AccessTokenResult &result) {
        if (m_state != State::Token)
            return;
        if (m_tokenContext)
            m_tokenContext.release()->deleteLater();
        if (!result.ok()) {
            ApiError error(ApiError::Kind::SignInRequired, result.errorMessage);
            error.setErrorCode(result.errorCode);
            if (isInteractionNeeded(result.errorCode))
                m_client->reportSignInRequired(result.errorMessage);
            return finish(error);
        }
        if (!isBearerToken(result.accessToken)) {
            // Never into a header: CR/LF there would inject headers into every request.
            ApiError error(ApiError::Kind::SignInRequired,
                           tr("The access token holds characters a bearer token cannot hold."));
            error.setErrorCode(QStringLiteral("invalid_token"));
            return finish(error);
        }
        m_client->tokenAccepted();
        m_token = result.accessToken;
        m_state = State::Queued;
        m_client->enqueue(this);
    });
}

bool ApiRequest::sendNow()
{
    if (m_state != State::Queued)
        return false;
    const OriginPolicy::Verdict verdict = m_client->originPolicy().check(m_url);
    if (verdict != OriginPolicy::Verdict::Allowed) {
        // Nothing is sent: the token must never reach another origin or travel in clear text.
        finish(ApiError(verdict == OriginPolicy::Verdict::Insecure ? ApiError::Kind::Insecure : ApiError::Kind::InvalidUrl,
                        tr("Refused to send a request to %1.").arg(HttpLog::url(m_url))));
        return false;
    }
    QNetworkRequest request(m_url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    if (m_url.scheme() == QLatin1String("https")) {
        // Certificates are always verified and nothing older than TLS 1.2 is spoken
        // (docs/reliability-matrix.md, "HTTPS and TLS").
        QSslConfiguration ssl = m_client->config().sslConfiguration.value_or(QSslConfiguration::defaultConfiguration());
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
        ssl.setProtocol(QSsl::TlsV1_2OrLater);
        request.setSslConfiguration(ssl);
    }
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("x-ms-client-request-id", m_clientRequestId.toLatin1());
    request.setRawHeader("Accept", "application/json");
    const bool withBody = m_phase == Phase::Call && m_hasBody;
    if (m_stepVerb == "POST" || m_stepVerb == "PUT" || m_stepVerb == "PATCH")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    const QByteArray body = withBody ? m_body : QByteArray();

    // Read in the transport's thread, counted and refused past the cap as it arrives
    // (docs/reliability-matrix.md, "Response size"); every verb goes out with a body Qt cannot
    // rewind (empty for GET and DELETE), so that Qt never repeats a request on its own: a
    // keep-alive connection dropped by the server made Qt re-send an idempotent call once more than
    // the retry policy allows ("Retry classification", "Non-idempotent POST safety").
    m_exchange = m_client->transport()->send(request, m_stepVerb, body, m_client->config().maxBodyBytes, this,
                                             [this](HttpResponse response) { onResponse(std::move(response)); });
    m_state = State::InFlight;
    ++m_requestCount;
    m_tryTimer.start(int(std::min<qint64>(scaled(m_client->config().retry.perTryTimeout), std::numeric_limits<int>::max())));
    qCDebug(lcApiHttp).noquote() << "->" << m_stepVerb << HttpLog::url(m_url) << "clientRequestId" << m_clientRequestId
                                 << "attempt" << m_retry + 1;
    return true;
}

void ApiRequest::dropReply()
{
    m_tryTimer.stop();
    if (const quint64 exchange = std::exchange(m_exchange, 0)) {
        if (m_client) {
            m_client->transport()->abort(exchange);
            m_client->exchangeFinished(this);
        }
    }
}

void ApiRequest::onResponse(HttpResponse response)
{
    if (!m_exchange)
        return;
    m_tryTimer.stop();
    m_exchange = 0;
    m_client->exchangeFinished(this);
    m_state = State::Waiting;

    const int status = response.status;
    const QNetworkReply::NetworkError networkError = response.networkError;
    const HttpHeaders &headers = response.headers;
    const QByteArray &body = response.body;
    qCDebug(lcApiHttp).noquote() << "<-" << status << m_stepVerb << HttpLog::url(m_url) << networkError
                                 << HttpLog::headers(headers);

    // With a status line, Qt's content/protocol/server error codes only restate the HTTP status;
    // the connection codes (< 100) mean the exchange failed, possibly after the status line (a
    // body cut short by FIN/RST). Without a status line, whatever happened is a transport failure.
    if (!response.refusal.isEmpty()) {
        // Permanent: the same answer would be downloaded again (a 2 GiB body four times).
        ApiError error(undecodableKind(status), response.refusal);
        error.setHttpStatus(status);
        return finish(error);
    }
    // Qt may end a body cut short by the server's FIN without an error: compare with what was
    // announced, so that a short body stays a (retried) transport failure and never reaches the
    // parser as "not JSON" (which is final).
    bool announced = false;
    const qint64 length = headerValue(headers, "Content-Length").trimmed().toLongLong(&announced);
    if (status >= 200 && status < 300 && announced && body.size() < length
        && headerValue(headers, "Content-Encoding").isEmpty())
        return handleTransportFailure(
            ApiError(ApiError::Kind::Network,
                     tr("The answer was cut short (%1 of %2 bytes).").arg(body.size()).arg(length)),
            true);
    const bool transportFailed = networkError != QNetworkReply::NoError && int(networkError) < 100;
    if (transportFailed || status == 0) {
        if (networkError == QNetworkReply::SslHandshakeFailedError && response.certificateError)
            return finish(ApiError(ApiError::Kind::Insecure, HttpLog::scrub(response.errorString)));
        if (networkError == QNetworkReply::HostNotFoundError) {
            // The configured host does not resolve: waiting ~6 s through backoff changes nothing
            // the user can see; say so at once (#17 bug 6).
            return finish(ApiError(ApiError::Kind::Network,
                                   tr("The host %1 was not found (name resolution failed).").arg(m_url.host())));
        }
        const bool neverSent = networkError == QNetworkReply::ConnectionRefusedError;
        return handleTransportFailure(ApiError(ApiError::Kind::Network, HttpLog::scrub(response.errorString)), !neverSent);
    }
    if (status >= 300 && status < 400) {
    const QByteArray location = headerValue(headers, "Location");
        const QUrl target = m_url.resolved(QUrl::fromEncoded(location));
        if (location.isEmpty() || m_redirects >= MaxRedirects)
            return finish(ApiError::fromHttp(status, body));
        if (m_client->originPolicy().check(target) != OriginPolicy::Verdict::Allowed)
            return finish(ApiError(ApiError::Kind::InvalidUrl,
                                   tr("Refused a redirect to another server (%1).").arg(HttpLog::url(target))));
        ++m_redirects;
        m_url = target;
        if (status == 303)
            m_stepVerb = "GET";
        return requestToken();
    }
    if (status >= 200 && status < 300)
        return handleSuccess(status, body, headers);
    handleHttpError(status, body, headers);
}

void ApiRequest::handleSuccess(int status, const QByteArray &body, const HttpHeaders &headers)
{
    const int maxItems = m_paged && m_phase == Phase::Call ? m_maxItemsPerPage : 0;
    const auto parse = [maxItems](const QByteArray &bytes) {
        if (maxItems > 0)
            return parseBoundedPage(bytes, maxItems);
        ParsedBody parsed;
        parsed.json = parseJson(bytes, &parsed.error);
        return parsed;
    };
    const auto parsed = [this, status, headers](ParsedBody result) {
        m_itemsDropped = result.dropped;
        // A 2xx whose body does not parse is never partial data, and it is not retried: the same
        // bytes would come again (a body cut short ends as a transport failure before this).
        if (!result.json)
            return finish(ApiError(undecodableKind(status), result.error));
        handleParsedSuccess(status, std::move(*result.json), headers, std::move(result.decodedPage));
    };
    // (Not body.trimmed(): that copies a body ending in a newline, megabytes on the GUI thread.)
    if (std::all_of(body.cbegin(), body.cend(), [](char c) { return QChar::isSpace(uchar(c)); }))
        return handleParsedSuccess(status, Json(), headers);
    if (body.size() < ParseInWorkerBytes)
        return parsed(parse(body));
    // The worker owns a (shared) copy of the body only. The watcher is the request's child: if
    // the request is finished (cancel, deadline) or gone before the parse ends, nothing follows.
    const bool page = m_paged && m_phase == Phase::Call && !(status == 202 && m_lro != Lro::None);
    const PageDecoder decoder = page ? pageDecoder() : PageDecoder();
    auto *watcher = new QFutureWatcher<ParsedBody>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, parsed] {
        watcher->deleteLater();
        if (m_state == State::Finished)
            return;
        parsed(watcher->future().takeResult());
    });
    watcher->setFuture(QtConcurrent::run([parse, decoder](const QByteArray &bytes) {
        // An exception must not cross back: takeResult() would rethrow it inside a slot.
        try {
            ParsedBody result = parse(bytes);
            if (result.json && decoder) {
                result.decodedPage = decoder(*result.json);
                // Paging needs only these; the big document is freed here, not on the GUI thread.
                Json links = Json::object();
                for (const char *key : {"continuationToken", "continuationUri"})
                    if (const auto it = result.json->find(key); it != result.json->end())
                        links[key] = *it;
                result.json = std::move(links);
            }
            return result;
        } catch (const std::exception &e) {
            return ParsedBody{std::nullopt, QString::fromUtf8(e.what()), {}, 0};
        } catch (...) {
            return ParsedBody{std::nullopt, QStringLiteral("The response could not be read."), {}, 0};
        }
    }, body));
}

ApiError::Kind ApiRequest::undecodableKind(int status) const
{
    // A create or start that answered 2xx took effect; what it answered cannot be read.
    const bool tookEffect = status >= 200 && status < 300 && m_safety == Safety::NonIdempotent
                            && m_phase == Phase::Call;
    return tookEffect ? ApiError::Kind::OutcomeUnknown : ApiError::Kind::Decode;
}

void ApiRequest::handleParsedSuccess(int status, Json json, const HttpHeaders &headers, std::any decodedPage)
{
    if (m_phase == Phase::Poll)
        return handleOperationState(json, headers);
    if (m_phase == Phase::Call && status == 202 && m_lro != Lro::None) {
        m_operationId = QString::fromLatin1(headerValue(headers, "x-ms-operation-id")).trimmed();
        // The id goes into /operations/{id}: `..` there would poll (with the token) another path.
        if (const QString why = PathId::check(m_operationId); !m_operationId.isEmpty() && !why.isEmpty()) {
            m_operationId.clear();
            return finish(
                ApiError(ApiError::Kind::InvalidUrl, tr("Refused the operation id the service named: %1").arg(why)));
        }
        const QUrl location = m_url.resolved(QUrl::fromEncoded(headerValue(headers, "Location").trimmed()));
        if (m_operationId.isEmpty()) {
            if (location.isEmpty() || location == m_url)
                return finish(ApiError(ApiError::Kind::Decode, tr("A long-running operation started without an id or location.")));
            // A Location on another origin is pinned to ours, so it never receives the token.
            m_operationLocation = m_client->originPolicy().check(location) == OriginPolicy::Verdict::Allowed
                ? location
                : m_client->originPolicy().pinned(location);
        }
        qCDebug(lcApi) << "operation started" << m_operationId << "clientRequestId" << m_clientRequestId;
        emit operationStarted(m_operationId);
        m_operationDeadline = QDeadlineTimer(scaled(m_client->config().retry.operationLimit));
        return waitForNextPoll(headers);
    }
    if (ApiError error = decodedPage.has_value() ? applyDecodedPage(decodedPage, json) : parseResult(json); error.isError())
        return finish(error);
    if (m_paged && m_phase == Phase::Call)
        return nextPageOrFinish(json);
    finish({});
}

void ApiRequest::nextPageOrFinish(const Json &page)
{
    const int index = m_pageCount++;
    QPointer<ApiRequest> self(this);
    emit pageReceived(index);
    if (!self || m_state == State::Finished)
        return; // the receiver cancelled
    const QString token = jsonString(page, "continuationToken");
    const QString uri = jsonString(page, "continuationUri");
    if (token.isEmpty() && uri.isEmpty())
        return finish({});
    const int policyPages = m_client->config().retry.maxPages;
    if (const int maxPages = m_maxPages > 0 ? std::min(m_maxPages, policyPages) : policyPages; m_pageCount >= maxPages)
        return finish(ApiError(ApiError::Kind::PagingLoop, tr("More than %1 pages.").arg(maxPages)));
    QUrl next;
    if (!token.isEmpty()) {
        if (m_seenTokens.contains(token))
            return finish(ApiError(ApiError::Kind::PagingLoop, tr("The service repeated a continuation token.")));
        m_seenTokens.insert(token);
        // Re-issue the same request (a POST stays a POST) with the token as the only new parameter.
        next = m_url;
        QUrlQuery query(next);
        query.removeAllQueryItems(QStringLiteral("continuationToken"));
        QByteArray encoded = query.toString(QUrl::FullyEncoded).toLatin1();
        if (!encoded.isEmpty())
            encoded += '&';
        encoded += "continuationToken=" + encodeToken(token);
        next.setQuery(QString::fromLatin1(encoded), QUrl::TolerantMode);
    } else {
        next = m_url.resolved(QUrl(uri));
        if (m_client->originPolicy().check(next) != OriginPolicy::Verdict::Allowed)
            return finish(ApiError(ApiError::Kind::InvalidUrl, tr("Refused a continuation link to another server.")));
        if (m_seenTokens.contains(next.toString()))
            return finish(ApiError(ApiError::Kind::PagingLoop, tr("The service repeated a continuation link.")));
        m_seenTokens.insert(next.toString());
    }
    beginStep(next, Phase::Call);
}

void ApiRequest::handleOperationState(const Json &state, const HttpHeaders &headers)
{
    const QString status = jsonString(state, "status");
    if (state.is_object()) {
        const auto percent = state.find("percentComplete");
        if (percent != state.end() && percent->is_number())
            emit progress(int(clampedInteger(*percent, 0, 100).value_or(0)));
    }
    if (m_state == State::Finished)
        return;
    if (status == QLatin1String("NotStarted") || status == QLatin1String("Running"))
        return waitForNextPoll(headers);
    if (status == QLatin1String("Succeeded")) {
        if (m_lro == Lro::WithResult)
            return beginStep(operationUrl(QStringLiteral("/result")), Phase::Result);
        return finish({});
    }
    // Failed, Undefined and any status we do not know are terminal
    // (docs/fabric-api-notes.md#long-running-operations).
    ApiError error(ApiError::Kind::OperationFailed, tr("The operation ended with status %1.").arg(status));
    if (state.is_object() && state.contains("error"))
        error.setDetails(state["error"]);
    // Support needs the id of the request that saw the failure; the poll's headers carry it.
    if (error.requestId().isEmpty())
        error.setRequestId(requestIdOf(headers));
    finish(error);
}

void ApiRequest::handleHttpError(int status, const QByteArray &body, const HttpHeaders &headers)
{
    ApiError error = decodeError(status, body, headers);
    error.setHttpStatus(status);
    if (status == 401) {
        // One forced refresh and one replay; a second 401 means the session is gone.
        if (!m_replayedAfter401) {
            m_replayedAfter401 = true;
            m_forceRefresh = true;
            qCInfo(lcApi) << "401, refreshing the token once" << error.toLogString();
            return requestToken();
        }
        // A fresh token did not cure it: polling on would fetch a token on every call without
        // ever asking the user. The session stops renewing and asks for a new sign-in.
        error.setKind(ApiError::Kind::SignInRequired);
        if (AccessTokenSource *source = m_client->tokenSource())
            source->rejectToken(tr("The service refused a freshly issued token (HTTP 401)."));
        m_client->reportSignInRequired(error.message());
        return finish(error);
    }
    if (m_phase == Phase::Result && error.errorCode() == QLatin1String("OperationHasNoResult"))
        return finish({});
    const auto serverDelay = parseRetryAfter(headers);
    const bool transient = ApiError::isTransientHttpStatus(status) && error.isRetriable() != false;
    if (!transient)
        return finish(error);
    const bool throttledWithDelay = status == 429 && serverDelay.has_value();
    if (throttledWithDelay && *serverDelay <= m_client->config().retry.maxRetryAfter)
        m_client->pauseFor(*serverDelay);
    retryOrFail(error, serverDelay, m_safety == Safety::Idempotent || m_phase != Phase::Call || throttledWithDelay);
}

void ApiRequest::handleTransportFailure(ApiError error, bool requestMayHaveArrived)
{
    const bool mayResend = m_safety == Safety::Idempotent || m_phase != Phase::Call || !requestMayHaveArrived;
    retryOrFail(error, std::nullopt, mayResend);
}

void ApiRequest::retryOrFail(ApiError error, std::optional<milliseconds> serverDelay, bool mayResend)
{
    const RetryPolicy &policy = m_client->config().retry;
    if (serverDelay && *serverDelay > policy.maxRetryAfter) {
        // Not slept through silently: the caller learns how long the service wants us to wait.
        error.setKind(ApiError::Kind::Throttled);
        error.setRetryAfter(serverDelay);
        return finish(error);
    }
    if (!mayResend) {
        if (error.kind() != ApiError::Kind::Throttled)
            error.setKind(ApiError::Kind::OutcomeUnknown);
        return finish(error);
    }
    if (m_retry >= policy.maxRetries)
        return finish(error);
    ++m_retry;
    const milliseconds wait = serverDelay ? *serverDelay : policy.delay(m_retry, m_client->rng());
    if (m_stepDeadline.remainingTime() >= 0 && m_stepDeadline.remainingTime() < scaled(wait))
        return finish(error); // the deadline would pass while waiting
    qCInfo(lcApi).noquote() << "retry" << m_retry << "in" << wait.count() << "ms:" << error.toLogString()
                            << "clientRequestId" << m_clientRequestId;
    emit retryScheduled(m_retry, int(wait.count()));
    if (m_state == State::Finished)
        return;
    waitThen(wait, [this] { requestToken(); });
}

void ApiRequest::waitForNextPoll(const HttpHeaders &headers)
{
    // The step is over: its deadline no longer applies, the operation limit does (a wait is cut
    // short so that StillRunning is reported on time).
    m_deadlineTimer.stop();
    milliseconds wait = m_client->config().retry.operationPollDelay(parseRetryAfter(headers));
    const double scale = std::max(m_client->config().timeScale, 1e-9);
    const milliseconds left(qint64(double(std::max<qint64>(m_operationDeadline.remainingTime(), 0)) / scale));
    if (!m_operationDeadline.isForever())
        wait = std::min(wait, left);
    waitThen(wait, [this] { beginStep(operationUrl({}), Phase::Poll); });
}

void ApiRequest::waitThen(milliseconds delay, std::function<void()> next)
{
    m_state = State::Waiting;
    m_afterWait = std::move(next);
    m_waitTimer.start(int(std::min<qint64>(scaled(delay), std::numeric_limits<int>::max())));
}

void ApiRequest::onTryTimeout()
{
    if (!m_exchange)
        return;
    dropReply();
    m_state = State::Waiting;
    handleTransportFailure(ApiError(ApiError::Kind::Timeout, tr("No complete answer within the per-try timeout.")), true);
}

void ApiRequest::onDeadline()
{
    if (m_state == State::Finished)
        return;
    const bool inFlight = m_exchange != 0;
    const bool unknown = inFlight && m_safety == Safety::NonIdempotent && m_phase == Phase::Call;
    finish(ApiError(unknown ? ApiError::Kind::OutcomeUnknown : ApiError::Kind::Timeout,
                    tr("The call did not complete before its deadline.")));
}

void ApiRequest::finish(ApiError error)
{
    if (m_state == State::Finished)
        return;
    m_state = State::Finished;
    m_waitTimer.stop();
    m_deadlineTimer.stop();
    m_afterWait = {};
    m_tokenContext.reset();
    dropReply();
    if (m_client)
        m_client->dequeue(this);
    if (std::exchange(m_counted, false) && m_client)
        m_client->requestEnded();
    if (error.isError()) {
        error.setClientRequestId(m_clientRequestId);
        if (error.operationId().isEmpty())
            error.setOperationId(m_operationId);
        if (error.kind() == ApiError::Kind::Cancelled)
            qCDebug(lcApi).noquote() << m_verb << m_path << error.toLogString();
        else
            qCWarning(lcApi).noquote() << m_verb << m_path << "failed:" << error.toLogString()
                                       << HttpLog::scrub(error.message());
    }
    m_error = error;
    // Always from the event loop, so a caller never sees its callback run inside send().
    QMetaObject::invokeMethod(this, [this] {
        if (!m_abandoned)
            emit completed();
        deleteLater();
    }, Qt::QueuedConnection);
}

} // namespace fmc
