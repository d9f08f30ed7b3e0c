#pragma once

// A raw HTTP/1.1 (optionally TLS) listener for the API client's tests: each answer is scripted by
// the test, including the transport faults a real server cannot be asked for (stall, reset after
// the request, a body cut short), and every request received is logged with the listener's clock.

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QUrl>

#include <functional>

namespace fmc::test {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct Received {
    QByteArray method;
    QByteArray target;   // path + query as sent
    Headers headers;
    QByteArray body;
    qint64 atMs = 0;     // listener clock
    QByteArray header(const QByteArray &name) const;
    QByteArray path() const { return target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?')); }
};

struct Scripted {
    //! Stream: \a body, then filler (spaces) up to streamBytes in all, written as the socket
    //! drains (never held in memory), with a Content-Length or, when \a chunked, chunked.
    enum class Action { Respond, Stall, CloseWithoutAnswer, TruncateBody, Stream };
    int status = 200;
    Headers headers;
    QByteArray body;
    Action action = Action::Respond;
    int delayMs = 0; // answer after this long (listener clock)
    qint64 streamBytes = 0; // Stream: the whole body's length
    bool chunked = false;   // Stream: Transfer-Encoding: chunked instead of Content-Length

    static Scripted json(int status, const QByteArray &body, Headers headers = {});
    static Scripted empty(int status, Headers headers = {});
};

class ScriptedServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<Scripted(const Received &)>;

    explicit ScriptedServer(QObject *parent = nullptr);
    //! Listen with TLS using \a config (certificate + key) instead of plain HTTP.
    void setTls(const QSslConfiguration &config);
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    void close();
    QUrl baseUrl() const; // scheme://host:port/v1

    Handler handler;
    QList<Received> log;
    qint64 rawBytesReceived = 0; // everything read from any socket, including TLS records' payload
    qint64 bytesStreamed = 0;    // body bytes written by Stream answers (to all sockets)
    int connections = 0;

private:
    void onConnection();
    void serve(QTcpSocket *socket);
    void stream(QTcpSocket *socket, const Scripted &answer);
    QTcpServer *m_server = nullptr;
    bool m_tls = false;
    QSslConfiguration m_tlsConfig;
    QElapsedTimer m_clock;
};

} // namespace fmc::test
