#include "tests/support/scriptedserver.h"

#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace fmc::test {

QByteArray Received::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

Scripted Scripted::json(int status, const QByteArray &body, Headers headers)
{
    headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return Scripted{status, headers, body, Action::Respond};
}

Scripted Scripted::empty(int status, Headers headers)
{
    return Scripted{status, headers, {}, Action::Respond};
}

ScriptedServer::ScriptedServer(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
    handler = [](const Received &) { return Scripted::json(200, "{}"); };
}

void ScriptedServer::setTls(const QSslConfiguration &config)
{
    m_tls = true;
    m_tlsConfig = config;
}

bool ScriptedServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_tls) {
        auto *server = new QSslServer(this);
        server->setSslConfiguration(m_tlsConfig);
        // Count the connection before the handshake; HTTP bytes only arrive after it.
        connect(server, &QSslServer::startedEncryptionHandshake, this, [this] { ++connections; });
        m_server = server;
    } else {
        m_server = new QTcpServer(this);
    }
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &ScriptedServer::onConnection);
    return m_server->listen(address, port);
}

void ScriptedServer::close()
{
    if (m_server)
        m_server->close();
}

QUrl ScriptedServer::baseUrl() const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(m_server->serverAddress().toString());
    url.setPort(m_server->serverPort());
    url.setPath(QStringLiteral("/v1"));
    return url;
}

void ScriptedServer::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (!m_tls)
            ++connections;
        serve(socket);
    }
}

void ScriptedServer::serve(QTcpSocket *socket)
{
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
        const QByteArray chunk = socket->readAll();
        rawBytesReceived += chunk.size();
        buffer->append(chunk);
        for (;;) {
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            Received request;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.target = first.value(1);
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
                if (line.left(colon).trimmed().compare("content-length", Qt::CaseInsensitive) == 0)
                    length = line.mid(colon + 1).trimmed().toLongLong();
            }
            if (buffer->size() < end + 4 + length)
                return;
            request.body = buffer->mid(end + 4, length);
            buffer->remove(0, end + 4 + length);
            request.atMs = m_clock.elapsed();
            log.append(request);
            const Scripted answer = handler(request);
            switch (answer.action) {
            case Scripted::Action::Stall:
                return; // hold the connection open, say nothing
            case Scripted::Action::CloseWithoutAnswer:
                socket->abort(); // RST after the whole request arrived
                return;
            case Scripted::Action::Stream:
                stream(socket, answer);
                return;
            case Scripted::Action::Respond:
            case Scripted::Action::TruncateBody: {
                QByteArray out = "HTTP/1.1 " + QByteArray::number(answer.status) + " X\r\n";
                for (const auto &[name, value] : answer.headers)
                    out += name + ": " + value + "\r\n";
                const bool truncate = answer.action == Scripted::Action::TruncateBody;
                out += "Content-Length: " + QByteArray::number(answer.body.size() + (truncate ? 100 : 0)) + "\r\n";
                out += "Connection: close\r\n\r\n";
                out += answer.body;
                QPointer<QTcpSocket> target(socket);
                auto send = [target, out] {
                    if (!target)
                        return;
                    target->write(out);
                    target->disconnectFromHost(); // FIN; with truncate the body is 100 bytes short
                };
                if (answer.delayMs > 0)
                    QTimer::singleShot(answer.delayMs, this, send);
                else
                    send();
                return;
            }
            }
        }
    });
}

void ScriptedServer::stream(QTcpSocket *socket, const Scripted &answer)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(answer.status) + " X\r\n";
    for (const auto &[name, value] : answer.headers)
        head += name + ": " + value + "\r\n";
    head += answer.chunked ? QByteArray("Transfer-Encoding: chunked\r\n")
                           : "Content-Length: " + QByteArray::number(answer.streamBytes) + "\r\n";
    head += "Connection: close\r\n\r\n";
    socket->write(head);
    // What is left to write, in blocks of 256 KiB of filler after the scripted start.
    auto left = std::make_shared<qint64>(answer.streamBytes);
    auto prefix = std::make_shared<QByteArray>(answer.body);
    const auto pump = [this, socket, left, prefix, chunked = answer.chunked] {
        static const QByteArray filler(256 * 1024, ' ');
        // Keep about 1 MiB queued in the socket: the body is never held whole.
        while (*left > 0 && socket->bytesToWrite() < 1024 * 1024) {
            QByteArray block = prefix->isEmpty() ? filler.left(qsizetype(std::min<qint64>(*left, filler.size())))
                                                 : std::exchange(*prefix, {}).left(qsizetype(*left));
            *left -= block.size();
            bytesStreamed += block.size();
            if (chunked)
                block = QByteArray::number(block.size(), 16) + "\r\n" + block + "\r\n";
            socket->write(block);
        }
        if (*left == 0) {
            *left = -1;
            if (chunked)
                socket->write("0\r\n\r\n");
            socket->disconnectFromHost();
        }
    };
    connect(socket, &QTcpSocket::bytesWritten, socket, pump);
    pump();
}

} // namespace fmc::test
