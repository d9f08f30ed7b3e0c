#include "sandbox.h"

#include "sandbox/apiresponse.h"
#include "sandbox/fabricapi.h"
#include "sandbox/fabricstate.h"
#include "sandbox/faultinjector.h"
#include "sandbox/sandboxadmin.h"
#include "sandbox/sandboxhttp.h"

#include "sandbox/entra/entraemulator.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHttpServerRequest>
#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>
#include <QSaveFile>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

// The one socket option Qt does not offer: SO_LINGER with a zero timeout, for the reset fault.
#ifdef Q_OS_WIN
#  include <winsock2.h>
#else
#  include <sys/socket.h>
#endif

Q_LOGGING_CATEGORY(lcSandbox, "fmc.sandbox")

namespace fmc::sandbox {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

QString defaultErrorCode(int status)
{
    switch (status) {
    case 401: return QStringLiteral("TokenExpired");
    case 408: return QStringLiteral("RequestTimeout");
    case 429: return QStringLiteral("RequestBlocked");
    case 500: return QStringLiteral("InternalServerError");
    case 502: return QStringLiteral("BadGateway");
    case 503: return QStringLiteral("ServiceUnavailable");
    case 504: return QStringLiteral("GatewayTimeout");
    default: return QStringLiteral("InjectedFault");
    }
}

//! Replaces scheme, host and port of \a url with those of \a origin.
QByteArray onOrigin(const QByteArray &url, const QUrl &origin)
{
    QUrl moved = QUrl::fromEncoded(url);
    moved.setScheme(origin.scheme());
    moved.setHost(origin.host());
    moved.setPort(origin.port());
    return moved.toEncoded();
}

} // namespace

struct Sandbox::Private {
    explicit Private(Sandbox *q, const SandboxOptions &o)
        : options(o)
        , clock(o.speed, QDateTime::currentDateTimeUtc(), o.startPaused)
        , state(&clock, o)
        , api(&state)
        , faults(o.seed)
        , admin(q)
    {
    }

    SandboxOptions options;
    SandboxClock clock;
    FabricState state;
    FabricApi api;
    FaultInjector faults;
    RequestLog log;
    SandboxAdmin admin;
    EntraEmulator *entra = nullptr;
    QList<QUrl> listeners;
    QList<QPointer<QTcpSocket>> stalled; // held open, never answered
    int tlsHandshakes = 0;
    bool saveScheduled = false;
};

Sandbox::Sandbox(const SandboxOptions &options, QObject *parent)
    : QAbstractHttpServer(parent)
    , d(std::make_unique<Private>(this, options))
{
    EntraOptions entraOptions;
    entraOptions.tokenLifetimeSeconds = options.tokenLifetimeSeconds;
    entraOptions.seed = options.seed;
    if (!options.tenantId.isEmpty())
        entraOptions.tenantId = options.tenantId;
    d->entra = new EntraEmulator(&d->clock, entraOptions, this);
    if (!options.stateFile.isEmpty()) {
        QFile file(options.stateFile);
        if (file.open(QIODevice::ReadOnly)) {
            QString why;
            const auto json = parseJson(file.readAll(), &why);
            if (!json || !d->state.loadJson(*json, &why))
                qCWarning(lcSandbox) << "ignoring state file" << options.stateFile << why;
        }
        // Every change is written back, coalesced to once per event-loop turn.
        d->state.setChangedCallback([this] {
            if (d->saveScheduled)
                return;
            d->saveScheduled = true;
            QTimer::singleShot(0, this, [this] {
                d->saveScheduled = false;
                QString why;
                if (!saveState(&why))
                    qCWarning(lcSandbox) << "could not save state:" << why;
            });
        });
        saveState();
    }
}

Sandbox::~Sandbox()
{
    for (const auto &socket : std::as_const(d->stalled))
        if (socket)
            socket->abort();
}

quint16 Sandbox::listen(const QHostAddress &address, quint16 port)
{
    const quint16 bound = QAbstractHttpServer::listen(address, port);
    if (bound)
        addListener(QStringLiteral("http"), address, bound);
    return bound;
}

quint16 Sandbox::listenTls(const QHostAddress &address, const QSslConfiguration &configuration, quint16 port)
{
    auto *server = new QSslServer(this);
    server->setSslConfiguration(configuration);
    connect(server, &QSslServer::startedEncryptionHandshake, this, [this](QSslSocket *socket) {
        connect(socket, &QSslSocket::encrypted, this, [this] { ++d->tlsHandshakes; });
    });
    if (!server->listen(address, port)) {
        qCWarning(lcSandbox) << "TLS listener:" << server->errorString();
        delete server;
        return 0;
    }
    bind(server);
    addListener(QStringLiteral("https"), address, server->serverPort());
    return server->serverPort();
}

int Sandbox::tlsHandshakesCompleted() const
{
    return d->tlsHandshakes;
}

void Sandbox::addListener(const QString &scheme, const QHostAddress &address, quint16 port)
{
    QHostAddress host = address;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        host = QHostAddress::LocalHost;
    else if (address == QHostAddress::AnyIPv6)
        host = QHostAddress::LocalHostIPv6;
    QUrl url;
    url.setScheme(scheme);
    url.setHost(host.toString());
    url.setPort(port);
    d->listeners.append(url);
}

QUrl Sandbox::foreignOrigin(const FaultRule &fault, QTcpSocket *socket) const
{
    QUrl origin = fault.foreignBaseUrl.isEmpty() ? d->options.foreignBaseUrl : fault.foreignBaseUrl;
    if (origin.isEmpty())
        for (const QUrl &url : std::as_const(d->listeners))
            if (QHostAddress(url.host()) != socket->localAddress() || url.port() != socket->localPort())
                origin = url;
    return origin;
}

QUrl Sandbox::serverUrl() const
{
    return d->listeners.value(0);
}

QList<QUrl> Sandbox::listenerUrls() const
{
    return d->listeners;
}

const SandboxOptions &Sandbox::options() const { return d->options; }
SandboxClock *Sandbox::clock() const { return &d->clock; }
FabricState *Sandbox::state() const { return &d->state; }
EntraEmulator *Sandbox::entra() const { return d->entra; }
int Sandbox::addFault(const FaultRule &rule) { return d->faults.add(rule); }
bool Sandbox::removeFault(int id) { return d->faults.remove(id); }
void Sandbox::clearFaults() { d->faults.clear(); }
QList<FaultRule> Sandbox::faults() const { return d->faults.rules(); }
QList<RequestLogEntry> Sandbox::requestLog() const { return d->log.entries(); }
void Sandbox::clearRequestLog() { d->log.clear(); }
void Sandbox::advanceClock(qint64 ms) { d->clock.advance(ms); }
void Sandbox::pauseClock() { d->state.pauseClock(); }
void Sandbox::resumeClock() { d->state.resumeClock(); }
bool Sandbox::isClockPaused() const { return d->state.isClockPaused(); }
bool Sandbox::pauseCapacity(const QString &capacityId) { return d->state.pauseCapacity(capacityId); }
bool Sandbox::resumeCapacity(const QString &capacityId) { return d->state.resumeCapacity(capacityId); }
void Sandbox::setRequireAuth(bool require) { d->options.requireAuth = require; }
void Sandbox::setPublicBaseUrl(const QUrl &url) { d->options.publicBaseUrl = url; }
void Sandbox::setForeignBaseUrl(const QUrl &url) { d->options.foreignBaseUrl = url; }

void Sandbox::setLroMode(LroMode mode)
{
    d->options.lroMode = mode;
    d->state.setLroMode(mode);
}

void Sandbox::setLroRetryAfterSeconds(int seconds)
{
    d->options.lroRetryAfterSeconds = seconds;
    d->state.setLroTiming(seconds, d->options.lroDurationMs);
}

void Sandbox::setLroDurationMs(int ms)
{
    d->options.lroDurationMs = ms;
    d->state.setLroTiming(d->options.lroRetryAfterSeconds, ms);
}

void Sandbox::setLroEndStatus(const QString &status)
{
    d->options.lroEndStatus = status;
    d->state.setLroEndStatus(status);
}

void Sandbox::reset()
{
    d->faults.clear();
    d->log.clear();
    d->state.reset();
}

void Sandbox::revokeAllTokens()
{
    d->entra->revokeAllTokens();
}

void Sandbox::setTokenLifetimeSeconds(int seconds)
{
    d->options.tokenLifetimeSeconds = seconds;
    d->entra->setTokenLifetimeSeconds(seconds);
}

bool Sandbox::saveState(QString *error)
{
    if (d->options.stateFile.isEmpty())
        return true;
    QSaveFile file(d->options.stateFile);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(dumpJson(d->state.toJson(), 2));
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void Sandbox::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    // Not reached: handleRequest answers everything.
    socket->disconnectFromHost();
}

bool Sandbox::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Copy everything now: Qt reuses the request object for the next request on this socket.
    SandboxRequest req;
    req.method = methodName(request.method());
    req.url = request.url();
    req.path = req.url.path(QUrl::FullyDecoded);
    req.query = request.query();
    req.headers = request.headers();
    req.body = request.body();
    req.peer = request.remoteAddress();
    if (!d->options.publicBaseUrl.isEmpty()) {
        req.publicBaseUrl = d->options.publicBaseUrl;
    } else {
        // As behind a gateway: the origin the client used, as forwarded or as in Host.
        QByteArray host = req.header("X-Forwarded-Host").split(',').first().trimmed();
        if (host.isEmpty())
            host = req.header("Host");
        if (host.isEmpty())
            host = QUrl(QStringLiteral("http://%1:%2")
                            .arg(socket->localAddress().toString())
                            .arg(socket->localPort()))
                       .authority()
                       .toUtf8();
        QByteArray scheme = req.header("X-Forwarded-Proto").split(',').first().trimmed().toLower();
        if (scheme != "https")
            scheme = "http";
        req.publicBaseUrl = QUrl(QString::fromLatin1(scheme + "://" + host));
    }
    const bool close = req.header("Connection").toLower() == "close";
    const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);

    // The admin endpoint: never logged, never faulted. /_sandbox/entra/ belongs to the sign-in
    // emulator and is handled with the other sign-in paths below.
    if (!req.path.startsWith(QLatin1String("/_sandbox/entra"))) {
        if (auto response = d->admin.handle(req)) {
            send(socket, *response, requestId, std::nullopt, 0, close);
            return true;
        }
    }

    const bool api = req.path == QLatin1String("/v1") || req.path.startsWith(QLatin1String("/v1/"));
    RequestLogEntry entry;
    entry.method = req.method;
    entry.pathAndQuery = QString::fromUtf8(req.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
    entry.operationId = api ? d->api.operationId(req.method, req.path) : QString();
    entry.hadAuthorization = !req.header("Authorization").isEmpty();
    entry.clientRequestId = req.header("x-ms-client-request-id");
    entry.requestId = requestId;
    entry.localAddress = socket->localAddress();
    entry.localPort = socket->localPort();
    entry.bodySize = req.body.size();
    entry.bodySha256 = QCryptographicHash::hash(req.body, QCryptographicHash::Sha256).toHex();
    entry.receivedUtc = QDateTime::currentDateTimeUtc();
    entry.receivedSandboxUtc = d->clock.now();
    entry.receivedMs = d->clock.nowMSecsSinceStart();
    const qint64 sequence = d->log.append(entry);

    const auto fault = d->faults.take(req.method, req.path, entry.operationId);
    if (fault) {
        const QString kind = FaultRule::kindToString(fault->kind);
        switch (fault->kind) {
        case FaultRule::Kind::Drop:
            d->log.setOutcome(sequence, 0, kind);
            socket->disconnectFromHost();
            emit requestFinished(sequence);
            return true;
        case FaultRule::Kind::Stall:
            d->log.setOutcome(sequence, 0, kind);
            d->stalled.append(socket);
            emit requestFinished(sequence);
            return true;
        case FaultRule::Kind::Status: {
            const QString code = fault->errorCode.isEmpty() ? defaultErrorCode(fault->status) : fault->errorCode;
            SandboxResponse response = errorResponse(
                fault->status, code,
                fault->message.isEmpty() ? QStringLiteral("Injected by fabric-sandbox: %1.").arg(fault->status)
                                         : fault->message);
            if (fault->retryAfter) {
                if (!fault->retryAfter->isEmpty())
                    response.setHeader("Retry-After", *fault->retryAfter);
            } else if (fault->status == 429) {
                response.setHeader("Retry-After", "1");
            }
            if (fault->retryAfterMs) {
                response.setHeader("x-ms-retry-after-ms", QByteArray::number(*fault->retryAfterMs));
                response.setHeader("retry-after-ms", QByteArray::number(*fault->retryAfterMs));
            }
            if (fault->status == 401)
                response.setHeader("WWW-Authenticate", "Bearer");
            d->log.setOutcome(sequence, 0, kind);
            send(socket, response, requestId, std::nullopt, sequence, close);
            return true;
        }
        case FaultRule::Kind::Redirect: {
            // The same path and query on another origin: a client must not take its token there.
            SandboxResponse response;
            response.status = fault->status / 100 == 3 ? fault->status : 307;
            response.setHeader("Location", onOrigin(req.url.toEncoded(), foreignOrigin(*fault, socket)));
            send(socket, response, requestId, fault, sequence, close);
            return true;
        }
        default:
            break;
        }
    }

    SandboxResponse response;
    if (api) {
        if (d->options.requireAuth) {
            const auto check = d->entra->verifyAuthorization(req.header("Authorization"));
            if (check != EntraEmulator::TokenCheck::Valid) {
                const bool expired = check == EntraEmulator::TokenCheck::Expired;
                response = errorResponse(401, expired ? QStringLiteral("TokenExpired") : QStringLiteral("Unauthorized"),
                                         expired ? QStringLiteral("The access token has expired.")
                                                 : QStringLiteral("The request carries no valid access token."));
                response.setHeader("WWW-Authenticate", "Bearer");
                send(socket, response, requestId, fault, sequence, close);
                return true;
            }
        }
        FabricApi::Context context;
        context.failOperations = fault && fault->kind == FaultRule::Kind::FailOperation;
        if (fault && fault->kind == FaultRule::Kind::FailTables) {
            context.failTables = fault->tables;
            context.failTablesErrorCode = fault->errorCode;
            context.failTablesMessage = fault->message;
        }
        response = d->api.handle(req, context);
        if (fault && fault->kind == FaultRule::Kind::RepeatContinuation && req.query.hasQueryItem(QStringLiteral("continuationToken"))) {
            // A page that hands back the token it was asked with: a client that follows it loops.
            if (auto json = parseJson(response.body); json && json->is_object() && json->contains("continuationToken")) {
                (*json)["continuationToken"] =
                    toStdString(req.query.queryItemValue(QStringLiteral("continuationToken"), QUrl::FullyDecoded));
                response.body = dumpJson(*json);
            }
        }
    } else {
        const std::optional<SandboxResponse> answer = d->entra->handle(req);
        response = answer ? *answer
                          : errorResponse(404, QStringLiteral("EntityNotFound"),
                                          QStringLiteral("Nothing is served at %1.").arg(req.path));
    }
    send(socket, response, requestId, fault, sequence, close);
    return true;
}

void Sandbox::send(QTcpSocket *socket, SandboxResponse response, const QString &requestId,
                   const std::optional<FaultRule> &fault, qint64 sequence, bool close)
{
    response.setHeader("RequestId", requestId.toLatin1());
    response.setHeader("x-ms-request-id", requestId.toLatin1());
    // Every ErrorResponse carries the request id in its body too, and its code in a header.
    if (response.status >= 400 && !response.body.isEmpty()) {
        if (auto json = parseJson(response.body); json && json->is_object() && json->contains("errorCode")) {
            (*json)["requestId"] = toStdString(requestId);
            if (response.status == 429 || response.status == 408 || response.status >= 500)
                (*json)["isRetriable"] = true;
            response.body = dumpJson(*json);
            response.setHeader("x-ms-public-api-error-code", QByteArray::fromStdString(json->at("errorCode").get<std::string>()));
        }
    }
    if (fault && fault->kind == FaultRule::Kind::ForeignLocation) {
        if (const QUrl origin = foreignOrigin(*fault, socket); !origin.isEmpty()) {
            if (!response.header("Location").isEmpty())
                response.setHeader("Location", onOrigin(response.header("Location"), origin));
            if (auto json = parseJson(response.body); json && json->is_object() && json->contains("continuationUri")) {
                (*json)["continuationUri"] =
                    onOrigin(QByteArray::fromStdString((*json)["continuationUri"].get<std::string>()), origin).toStdString();
                response.body = dumpJson(*json);
            }
        }
    }
    if (sequence > 0) {
        d->log.setOutcome(sequence, response.status, fault ? FaultRule::kindToString(fault->kind) : QString());
        emit requestFinished(sequence);
    }
    if (fault && fault->kind == FaultRule::Kind::Latency && fault->latencyMs > 0) {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(fault->latencyMs, this, [this, guard, response, fault, close] {
            if (guard && guard->state() == QAbstractSocket::ConnectedState)
                write(guard, response, fault, close);
        });
        return;
    }
    write(socket, response, fault, close);
}

void Sandbox::write(QTcpSocket *socket, const SandboxResponse &response, const std::optional<FaultRule> &fault,
                    bool close)
{
    const FaultRule::Kind kind = fault ? fault->kind : FaultRule::Kind::Latency;
    QByteArray body = response.body;
    bool json = !response.header("Content-Type").isEmpty();
    if (kind == FaultRule::Kind::MalformedJson && response.status / 100 == 2) {
        body = body.isEmpty() ? QByteArray("{\"value\": [") : body.left(qMax<qsizetype>(1, body.size() / 2));
        json = true;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto &[name, value] : response.headers)
        if (name.compare("Content-Type", Qt::CaseInsensitive) != 0)
            head += name + ": " + value + "\r\n";
    if (json && !body.isEmpty())
        head += "Content-Type: " + (response.header("Content-Type").isEmpty() ? QByteArray("application/json; charset=utf-8")
                                                                               : response.header("Content-Type"))
                + "\r\n";
    head += "Date: "
            + QLocale::c().toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1()
            + "\r\n";
    // A short body needs something to fall short of: an empty one announces a few bytes.
    const bool cut = kind == FaultRule::Kind::Reset || kind == FaultRule::Kind::ShortBody;
    const qsizetype announced = cut && body.isEmpty() && kind == FaultRule::Kind::ShortBody ? 16 : body.size();
    head += "Content-Length: " + QByteArray::number(announced) + "\r\n";
    if (close)
        head += "Connection: close\r\n";
    head += "\r\n";

    if (cut) {
        // Send part of the response, then end the connection: with a FIN for a short body, with
        // a RST (linger 0) for a reset. A reset of a body-less answer cuts into the headers.
        // The pause lets the client read the part first.
        const QByteArray part = kind == FaultRule::Kind::Reset && body.isEmpty() ? head.left(head.size() / 2)
                                                                                  : head + body.left(body.size() / 2);
        socket->write(part);
        socket->flush();
        QPointer<QTcpSocket> guard(socket);
        const bool reset = kind == FaultRule::Kind::Reset;
        QTimer::singleShot(20, this, [guard, reset] {
            if (!guard)
                return;
            if (reset) {
                // Linger on, timeout 0: closing the socket sends a RST instead of a FIN.
                const struct linger hard{1, 0};
#ifdef Q_OS_WIN
                ::setsockopt(SOCKET(guard->socketDescriptor()), SOL_SOCKET, SO_LINGER,
                             reinterpret_cast<const char *>(&hard), sizeof hard);
#else
                ::setsockopt(int(guard->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
#endif
                guard->abort();
            } else {
                guard->disconnectFromHost();
            }
        });
        return;
    }
    socket->write(head + body);
    if (close)
        socket->disconnectFromHost();
}

} // namespace fmc::sandbox
