#pragma once
// Shared by the tst_sandbox* suites: a small blocking-for-tests HTTP client on
// QNetworkAccessManager that talks to an in-process Sandbox over loopback.

#include "models/json.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTest>

namespace fmc::sandbox::test {

struct HttpResult {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    bool finished = false;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    }
    Json json() const { return parseJson(body).value_or(Json()); }
    QString errorCode() const { return toQString(json().value("errorCode", std::string())); }
};

class HttpClient
{
public:
    explicit HttpClient(Sandbox *sandbox) : m_sandbox(sandbox) {}

    QUrl url(const QString &pathOrUrl) const
    {
        if (pathOrUrl.startsWith(QLatin1String("http")))
            return QUrl(pathOrUrl);
        return QUrl(m_sandbox->serverUrl().toString() + pathOrUrl);
    }

    //! Sends one request and waits (test code only) until it finishes or \a timeoutMs passes.
    HttpResult call(const QByteArray &method, const QString &pathOrUrl, const QByteArray &body = {},
                    const QList<std::pair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 5000)
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
    HttpResult get(const QString &path) { return call("GET", path); }
    HttpResult post(const QString &path, const QByteArray &body = {}) { return call("POST", path, body); }

    void setToken(const QByteArray &token) { m_token = token; }
    //! An access token for the default service principal (client credentials); empty on failure.
    QByteArray clientCredentialsToken()
    {
        const QByteArray form = "grant_type=client_credentials&client_id="
                                + QUrl::toPercentEncoding(EntraEmulator::defaultClientId()) + "&client_secret="
                                + QUrl::toPercentEncoding(EntraEmulator::defaultClientSecret())
                                + "&scope=" + QUrl::toPercentEncoding(QStringLiteral("https://api.fabric.microsoft.com/.default"));
        const auto reply = call("POST", "/" + m_sandbox->entra()->tenantId() + "/oauth2/v2.0/token", form,
                                {{"Content-Type", "application/x-www-form-urlencoded"}});
        return QByteArray::fromStdString(reply.json().value("access_token", std::string()));
    }
    QNetworkAccessManager &nam() { return m_nam; }

private:
    Sandbox *m_sandbox;
    QNetworkAccessManager m_nam;
    QByteArray m_token;
};

//! A mirroring.json document as the service takes it, Base64 in a definition part.
inline Json definitionWith(const QByteArray &mirroringJson)
{
    return Json{{"parts", Json::array({Json{{"path", "mirroring.json"},
                                            {"payload", mirroringJson.toBase64().toStdString()},
                                            {"payloadType", "InlineBase64"}}})}};
}

inline QByteArray sqlMirroringJson(const QString &database = QStringLiteral("sales"),
                                   const QString &mountedTablesJson = {})
{
    QByteArray json = R"({"properties":{"source":{"type":"AzureSqlDatabase","typeProperties":{"connection":"11111111-2222-4333-8444-555555555555","database":")"
                      + database.toUtf8() + R"("}},"target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta"}})";
    if (!mountedTablesJson.isEmpty())
        json += ",\"mountedTables\":" + mountedTablesJson.toUtf8();
    return json + "}}";
}

//! Base of the tst_sandbox* test classes: an in-process Sandbox (no auth) and a client for it.
class SandboxFixture : public QObject
{
protected:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<HttpClient> m_http;

    void start(SandboxOptions options = {})
    {
        options.requireAuth = false;
        m_http.reset();
        m_sandbox = std::make_unique<Sandbox>(options);
        QVERIFY(m_sandbox->listen(QHostAddress::LocalHost, 0));
        m_http = std::make_unique<HttpClient>(m_sandbox.get());
    }
    void stop()
    {
        m_http.reset();
        m_sandbox.reset();
    }
    QString workspaceId(const QString &name) const
    {
        for (const auto &ws : m_sandbox->state()->workspaces())
            if (ws.displayName == name)
                return ws.id;
        return {};
    }
    //! "/v1/workspaces/{ws}/mirroredDatabases/{id}" of a demo mirror, by names.
    QString mirrorPath(const QString &workspace, const QString &mirror) const
    {
        const QString ws = workspaceId(workspace);
        for (auto *m : m_sandbox->state()->mirrors(ws))
            if (m->displayName == mirror)
                return QStringLiteral("/v1/workspaces/%1/mirroredDatabases/%2").arg(ws, m->id);
        return {};
    }
    QString mirrorStatus(const QString &path)
    {
        return toQString(m_http->post(path + "/getMirroringStatus").json().value("status", std::string()));
    }
};

} // namespace fmc::sandbox::test
