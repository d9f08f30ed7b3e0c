#pragma once
// Shared by the tst_sandbox* suites: a small blocking-for-tests HTTP client on
// QNetworkAccessManager that talks to an in-process Sandbox over loopback.

#include "models/json.h"
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
            result.body = reply->readAll();
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

} // namespace fmc::sandbox::test
