#include "tests/support/sandboxhttpclient.h"

#include "sandbox/entra/entraemulator.h"

#include <QNetworkRequest>
#include <QTest>

namespace fmc::test {

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

bool HttpResult::hasHeader(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

QUrl SandboxHttpClient::url(const QString &pathOrUrl) const
{
    if (pathOrUrl.startsWith(QLatin1String("http")))
        return QUrl(pathOrUrl);
    return QUrl(m_sandbox->serverUrl().toString() + pathOrUrl);
}

HttpResult SandboxHttpClient::call(const QByteArray &method, const QString &pathOrUrl, const QByteArray &body,
                                   const QList<std::pair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    QNetworkRequest request(url(pathOrUrl));
    bool typeGiven = false;
    for (const auto &[name, value] : headers) {
        request.setRawHeader(name, value);
        typeGiven = typeGiven || name.compare("Content-Type", Qt::CaseInsensitive) == 0;
    }
    if (!body.isEmpty() && !typeGiven)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    HttpResult result;
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, &result] {
        result.finished = true;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        result.body = reply->isOpen() ? reply->readAll() : QByteArray();
        result.headers = reply->rawHeaderPairs();
    });
    if (!QTest::qWaitFor([&] { return result.finished; }, timeoutMs + 2000))
        reply->abort();
    reply->deleteLater();
    return result;
}

QByteArray SandboxHttpClient::clientCredentialsToken()
{
    using sandbox::EntraEmulator;
    const QByteArray form = "grant_type=client_credentials&client_id="
                            + QUrl::toPercentEncoding(EntraEmulator::defaultClientId()) + "&client_secret="
                            + QUrl::toPercentEncoding(EntraEmulator::defaultClientSecret())
                            + "&scope=" + QUrl::toPercentEncoding(QStringLiteral("https://api.fabric.microsoft.com/.default"));
    const auto reply = call("POST", "/" + m_sandbox->entra()->tenantId() + "/oauth2/v2.0/token", form,
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
    return QByteArray::fromStdString(reply.json().value("access_token", std::string()));
}

} // namespace fmc::test
