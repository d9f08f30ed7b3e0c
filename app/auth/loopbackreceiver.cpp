#include "app/auth/loopbackreceiver.h"

#include "app/auth/authlog.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

namespace fmc {
namespace {

constexpr qsizetype kMaxRequestBytes = 16 * 1024;

bool equalInConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

LoopbackReceiver::LoopbackReceiver(QObject *parent)
    : QObject(parent)
{
}

LoopbackReceiver::~LoopbackReceiver()
{
    close();
}

bool LoopbackReceiver::listen(QString *error)
{
    close();
    m_done = false;
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackReceiver::onNewConnection);
    // 127.0.0.1 only: a listener on all interfaces would let anyone on the network race the
    // browser to the redirect (Qt 6.4's reply handler binds QHostAddress::Any).
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        if (error)
            *error = tr("Could not listen on 127.0.0.1 for the sign-in redirect: %1").arg(m_server->errorString());
        close();
        return false;
    }
    qCDebug(lcAuth) << "loopback redirect listener on" << redirectUri().toString();
    return true;
}

void LoopbackReceiver::close()
{
    if (!m_server)
        return;
    m_server->close();
    m_server->deleteLater();
    m_server = nullptr;
}

bool LoopbackReceiver::isListening() const
{
    return m_server && m_server->isListening();
}

QHostAddress LoopbackReceiver::serverAddress() const
{
    return m_server ? m_server->serverAddress() : QHostAddress();
}

quint16 LoopbackReceiver::serverPort() const
{
    return m_server ? m_server->serverPort() : 0;
}

QUrl LoopbackReceiver::redirectUri() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(serverPort());
    url.setPath(QStringLiteral("/"));
    return url;
}

void LoopbackReceiver::onNewConnection()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        // Owned by us, not by the server: closing the listener must not cut off the answer.
        socket->setParent(this);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    }
}

void LoopbackReceiver::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("fmcBuffer").toByteArray() + socket->readAll();
    if (buffer.size() > kMaxRequestBytes) {
        answer(socket, 431, tr("Request too large"), tr("The request was too large."));
        return;
    }
    if (!buffer.contains("\r\n\r\n")) {
        socket->setProperty("fmcBuffer", buffer);
        return;
    }
    socket->setProperty("fmcBuffer", QVariant());
    const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || requestLine[0] != "GET") {
        answer(socket, 405, tr("Not supported"), tr("Only the sign-in redirect is served here."));
        return;
    }
    const QUrl target = QUrl::fromEncoded("http://127.0.0.1" + requestLine[1]);
    if (target.path() != QLatin1String("/") || m_done) {
        // Browsers also ask for /favicon.ico; that is not the callback and does not end the wait.
        answer(socket, 404, tr("Not found"), tr("Nothing here."));
        return;
    }
    m_done = true;
    const QUrlQuery query(target);
    const QByteArray state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded).toUtf8();
    const QString oauthError = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);

    if (m_expectedState.isEmpty() || !equalInConstantTime(state, m_expectedState)) {
        qCWarning(lcAuth) << "sign-in redirect rejected:" << (state.isEmpty() ? "no state" : "state mismatch");
        answer(socket, 400, tr("Sign-in failed"),
               tr("This sign-in response does not belong to the console's request. Please start again from the console."));
        close();
        Q_EMIT rejected(QStringLiteral("state_mismatch"),
                        tr("The sign-in response did not match the request (state mismatch); nothing was accepted."));
        return;
    }
    if (!oauthError.isEmpty() || code.isEmpty()) {
        const QString errorCode = oauthError.isEmpty() ? QStringLiteral("invalid_response") : oauthError.left(64);
        answer(socket, 200, tr("Sign-in failed"), tr("Sign-in did not complete. You can close this window."));
        close();
        Q_EMIT rejected(errorCode, tr("Sign-in in the browser did not complete (%1).").arg(errorCode));
        return;
    }
    answer(socket, 200, tr("Signed in"), tr("You are signed in to the Fabric Mirroring Console. You can close this window."));
    close();
    Q_EMIT codeReceived(code);
}

void LoopbackReceiver::answer(QTcpSocket *socket, int status, const QString &title, const QString &text)
{
    // Nothing from the request is echoed into the page.
    const QByteArray body = QStringLiteral(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title></head>"
        "<body style=\"font-family:sans-serif;margin:3em\"><h1>%1</h1><p>%2</p></body></html>")
                                .arg(title.toHtmlEscaped(), text.toHtmlEscaped())
                                .toUtf8();
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + " " + (status == 200 ? "OK" : "Error") + "\r\n";
    response += "Content-Type: text/html; charset=utf-8\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    response += "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n";
    response += body;
    socket->write(response);
    // Detached so that closing (and deleting) the receiver does not cut the page off mid-write;
    // the socket deletes itself once the browser has it, or after a grace period.
    socket->setParent(nullptr);
    QTimer::singleShot(10000, socket, &QObject::deleteLater);
    socket->disconnectFromHost();
}

} // namespace fmc
