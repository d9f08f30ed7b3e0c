#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

namespace fmc {

//! \brief The redirect target of the browser sign-in: an HTTP listener bound to 127.0.0.1 only
//! (never all interfaces, unlike Qt 6.4's QOAuthHttpServerReplyHandler) on an ephemeral port.
//! It accepts one callback on its path: with the expected `state` it yields the authorization
//! code, otherwise it rejects it; either way it answers the browser with a short page and closes.
class LoopbackReceiver : public QObject
{
    Q_OBJECT
public:
    explicit LoopbackReceiver(QObject *parent = nullptr);
    ~LoopbackReceiver() override;

    //! Starts listening on 127.0.0.1 on a free port; false (with a sentence) when it cannot.
    bool listen(QString *error = nullptr);
    void close();
    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    //! http://127.0.0.1:<port>/ — what the authorize request names as redirect_uri.
    QUrl redirectUri() const;
    //! The `state` the callback must carry (compared in constant time).
    void setExpectedState(const QByteArray &state) { m_expectedState = state; }

Q_SIGNALS:
    void codeReceived(const QString &code);
    //! A callback without the expected state, or with an OAuth error (e.g. access_denied).
    void rejected(const QString &errorCode, const QString &message);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, int status, const QString &title, const QString &text);

    QTcpServer *m_server = nullptr;
    QByteArray m_expectedState;
    bool m_done = false;
};

} // namespace fmc
