#pragma once

// A small blocking-for-tests HTTP client on QNetworkAccessManager that talks to an in-process
// Sandbox over loopback, for the sandbox's own suites.

#include "models/json.h"
#include "sandbox/sandbox.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <utility>

namespace fmc::test {

//! What one request got back.
struct HttpResult {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    bool finished = false;

    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    Json json() const { return parseJson(body).value_or(Json()); }
    QString errorCode() const { return toQString(json().value("errorCode", std::string())); }
};

class SandboxHttpClient
{
public:
    explicit SandboxHttpClient(sandbox::Sandbox *sandbox) : m_sandbox(sandbox) {}

    QUrl url(const QString &pathOrUrl) const;

    //! Sends one request and waits (test code only) until it finishes or \a timeoutMs passes.
    HttpResult call(const QByteArray &method, const QString &pathOrUrl, const QByteArray &body = {},
                    const QList<std::pair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 5000);
    HttpResult get(const QString &path) { return call("GET", path); }
    HttpResult post(const QString &path, const QByteArray &body = {}) { return call("POST", path, body); }

    void setToken(const QByteArray &token) { m_token = token; }
    //! An access token for the default service principal (client credentials); empty on failure.
    QByteArray clientCredentialsToken();
    QNetworkAccessManager &nam() { return m_nam; }

private:
    sandbox::Sandbox *m_sandbox;
    QNetworkAccessManager m_nam;
    QByteArray m_token;
};

} // namespace fmc::test
