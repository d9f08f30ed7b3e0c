#include "app/auth/tokenendpoint.h"

#include "app/api/safenumber.h"
#include "app/auth/authlog.h"
#include "models/json.h"

#include <QHostAddress>
#include <QNetworkRequest>
#include <QTimer>

namespace fmc {
namespace {

constexpr int kTransferTimeoutMs = 30000;

QString stringField(const Json &object, const char *name)
{
    const auto it = object.find(name);
    if (it == object.end())
        return {};
    if (it->is_string())
        return toQString(it->get<std::string>());
    return {};
}

// Entra answers numbers; the older v1 endpoints (and some proxies) answer them as strings.
// Seconds are kept within [0, kMaxServiceSeconds]: 1e300 or -5 must not overflow later (× 1000).
qint64 secondsField(const Json &object, const char *name)
{
    const auto it = object.find(name);
    if (it == object.end())
        return -1;
    return clampedInteger(*it, 0, kMaxServiceSeconds).value_or(-1);
}

// A token answer is a few KB; an id token with many groups perhaps 100 KB.
constexpr qint64 kMaxBodyBytes = 1024 * 1024;

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

TokenEndpoint::TokenEndpoint(const AuthConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_transport(new HttpTransport(this))
{
}

QString TokenEndpoint::checkAuthority(const QUrl &authority)
{
    if (!authority.isValid() || authority.host().isEmpty())
        return tr("The sign-in authority \"%1\" is not a valid URL.").arg(authority.toDisplayString());
    if (authority.scheme() == QLatin1String("https"))
        return {};
    if (authority.scheme() == QLatin1String("http") && isLoopbackHost(authority.host()))
        return {};
    return tr("The sign-in authority must use https (plain http is allowed for loopback only): %1")
        .arg(authority.toDisplayString());
}

QUrl TokenEndpoint::endpoint(const QString &leaf) const
{
    QUrl url = m_config.authority;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    path += QLatin1Char('/') + m_config.tenant + QStringLiteral("/oauth2/v2.0/") + leaf;
    url.setPath(path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QUrl TokenEndpoint::tokenUrl() const { return endpoint(QStringLiteral("token")); }
QUrl TokenEndpoint::deviceCodeUrl() const { return endpoint(QStringLiteral("devicecode")); }
QUrl TokenEndpoint::authorizeUrl() const { return endpoint(QStringLiteral("authorize")); }

void TokenEndpoint::post(const QUrl &url, const QUrlQuery &form, Callback callback)
{
    const QString refusal = checkAuthority(url);
    if (!refusal.isEmpty()) {
        // Results always arrive asynchronously, even when nothing was sent.
        QTimer::singleShot(0, this, [callback, refusal] {
            TokenEndpointReply reply;
            reply.error = QStringLiteral("insecure_authority");
            reply.errorDescription = refusal;
            callback(reply);
        });
        return;
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(kTransferTimeoutMs);
    // Token endpoints never redirect legitimately; following one could send the form elsewhere.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);

    // Only the grant type is logged: every other form value may be a secret.
    qCDebug(lcAuth) << "POST" << url.toString(QUrl::RemoveQuery) << "grant_type"
                    << form.queryItemValue(QStringLiteral("grant_type"));
    // Form-encode strictly: '+' and '&' inside a value must not be taken as separators.
    QByteArray body;
    for (const auto &[key, value] : form.queryItems(QUrl::FullyDecoded)) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    // Read in the transport's thread and counted while it arrives: a huge answer is refused,
    // never buffered whole.
    auto id = std::make_shared<quint64>(0);
    *id = m_transport->send(request, "POST", body, kMaxBodyBytes, this, [this, id, callback](HttpResponse response) {
        m_inFlight.removeAll(*id);
        const TokenEndpointReply decoded = decode(response);
        qCDebug(lcAuth) << "token endpoint answered" << decoded.httpStatus
                        << (decoded.ok() ? QStringLiteral("ok") : decoded.error);
        callback(decoded);
    });
    m_inFlight.append(*id);
}

void TokenEndpoint::abortAll()
{
    for (const quint64 id : std::exchange(m_inFlight, {}))
        m_transport->abort(id);
}

TokenEndpointReply TokenEndpoint::decode(const HttpResponse &response)
{
    TokenEndpointReply result;
    result.httpStatus = response.status;
    const QByteArray &bytes = response.body;
    if (!response.refusal.isEmpty()) {
        // Not transient (isTransient() is false below 500): the same answer would come again.
        result.httpStatus = std::min(result.httpStatus, 499);
        result.error = QStringLiteral("response_too_large");
        result.errorDescription = tr("The sign-in service's answer was refused: %1").arg(response.refusal);
        return result;
    }
    if (result.httpStatus == 0) {
        result.error = QStringLiteral("network_error");
        result.errorDescription = tr("The sign-in service could not be reached: %1").arg(response.errorString);
        return result;
    }
    QString parseError;
    const auto json = parseJson(bytes, &parseError, JsonLimits{1024 * 1024, 16});
    if (!json || !json->is_object()) {
        result.error = QStringLiteral("invalid_response");
        result.errorDescription = tr("The sign-in service answered HTTP %1 without a valid JSON body.")
                                      .arg(result.httpStatus);
        return result;
    }
    result.error = stringField(*json, "error");
    result.errorDescription = stringField(*json, "error_description").left(500);
    if (result.error.isEmpty() && result.httpStatus >= 400) {
        result.error = QStringLiteral("http_%1").arg(result.httpStatus);
        result.errorDescription = tr("The sign-in service answered HTTP %1.").arg(result.httpStatus);
    }
    result.accessToken = stringField(*json, "access_token");
    result.refreshToken = stringField(*json, "refresh_token");
    result.idToken = stringField(*json, "id_token");
    result.expiresIn = secondsField(*json, "expires_in");
    result.deviceCode = stringField(*json, "device_code");
    result.userCode = stringField(*json, "user_code");
    QString verification = stringField(*json, "verification_uri");
    if (verification.isEmpty())
        verification = stringField(*json, "verification_url"); // the v1 endpoint's spelling
    result.verificationUri = QUrl(verification);
    result.message = stringField(*json, "message");
    result.interval = secondsField(*json, "interval");
    return result;
}

} // namespace fmc
