#include "tests/support/entrahost.h"

#include <QHttpServerRequest>
#include <QTcpSocket>
#include <QUrlQuery>

namespace fmc::test {

EntraHost::EntraHost(const sandbox::EntraOptions &options, double speed)
    : m_clock(speed)
    , m_entra(&m_clock, options)
{
    m_port = listen(QHostAddress::LocalHost, 0);
}

QUrl EntraHost::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QByteArray EntraHost::pollAsOtherDevice(const QString &clientId)
{
    sandbox::SandboxRequest request = makeRequest("POST", tokenPath());
    request.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id="
        + QUrl::toPercentEncoding(clientId) + "&device_code=" + QUrl::toPercentEncoding(lastDeviceCode);
    request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    const auto response = m_entra.handle(request);
    return response ? response->body : QByteArray();
}

bool EntraHost::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    sandbox::SandboxRequest req = makeRequest(
        request.method() == QHttpServerRequest::Method::Post ? "POST" : "GET",
        QString::fromUtf8(request.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority)));
    req.headers = request.headers();
    req.body = request.body();
    const qint64 now = m_clock.nowMSecsSinceStart();
    const bool isDeviceCode = req.path.endsWith(QLatin1String("/devicecode"));
    if (req.path.endsWith(QLatin1String("/token")) && req.body.contains("device_code")) {
        pollTimesMs.append(now);
        if (onPollReceived)
            onPollReceived(int(pollTimesMs.size()));
    }
    const auto response = m_entra.handle(req);
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(response ? response->status : 404) + " X\r\n";
    const QByteArray body = response ? response->body : QByteArray();
    if (response)
        for (const auto &[name, value] : response->headers)
            bytes += name + ": " + value + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    if (!isDeviceCode) {
        socket->write(bytes);
        if (req.path.endsWith(QLatin1String("/token")) && req.body.contains("device_code") && onPollAnswered)
            onPollAnswered(int(pollTimesMs.size()));
        return true;
    }
    deviceCodeIssuedMs = now;
    lastDeviceCode = QString::fromUtf8(body.mid(body.indexOf("\"device_code\":\"") + 15).split('"').value(0));
    socket->write(bytes);
    if (onDeviceCodeAnswered)
        onDeviceCodeAnswered();
    return true;
}

void EntraHost::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    socket->disconnectFromHost();
}

QString EntraHost::tokenPath() const
{
    return QStringLiteral("/%1/oauth2/v2.0/token").arg(m_entra.tenantId());
}

sandbox::SandboxRequest EntraHost::makeRequest(const QByteArray &method, const QString &pathAndQuery) const
{
    sandbox::SandboxRequest request;
    request.method = method;
    request.url = QUrl(pathAndQuery);
    request.path = request.url.path();
    request.query = QUrlQuery(request.url);
    request.peer = QHostAddress::LocalHost;
    request.publicBaseUrl = url();
    return request;
}

} // namespace fmc::test
