#include "app/api/httptransport.h"

#include "app/api/boundedbody.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QThread>

namespace fmc {
namespace {

//! \brief A request body Qt can send once only. Qt 6.4 silently re-sends a request (even a POST)
//! when the connection closes before the answer, rewinding the body first; refusing the rewind
//! makes it fail with ContentReSendError instead, so that every repeat is the retry policy's
//! decision (docs/reliability-matrix.md, "Non-idempotent POST safety").
class OneShotBody : public QIODevice
{
public:
    OneShotBody(const QByteArray &data, QObject *parent)
        : QIODevice(parent)
        , m_data(data)
    {
        open(QIODevice::ReadOnly);
    }
    qint64 size() const override { return m_data.size(); }
    bool seek(qint64 pos) override
    {
        // Qt reads the body forward once; it rewinds only to re-send.
        if (pos == 0)
            return false;
        return QIODevice::seek(pos);
    }
    bool reset() override { return seek(0); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_data.size() - pos());
        if (n <= 0)
            return m_data.isEmpty() ? 0 : -1;
        memcpy(data, m_data.constData() + pos(), size_t(n));
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
};

} // namespace

//! Lives in the transport's thread: owns the network manager and the replies.
class TransportWorker : public QObject
{
public:
    explicit TransportWorker(HttpTransport *transport)
        : m_transport(transport)
    {
    }

    void start(quint64 id, QNetworkRequest request, const QByteArray &verb, const QByteArray &body, qint64 maxBodyBytes)
    {
        if (!m_network) {
            // Created here so that it belongs to this thread.
            m_network = new QNetworkAccessManager(this);
            // Redirects are the caller's to judge (a 3xx to another origin must not carry a token).
            m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
            m_network->setStrictTransportSecurityEnabled(true);
        }
        auto *device = new OneShotBody(body, nullptr);
        request.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
        QNetworkReply *reply = m_network->sendCustomRequest(request, verb, device);
        device->setParent(reply);
        // Counted as it arrives and refused past the cap, before it is buffered whole.
        auto *bounded = new BoundedBody(reply, maxBodyBytes);
        auto certificateError = std::make_shared<bool>(false);
        m_replies.insert(id, reply);
        connect(reply, &QNetworkReply::sslErrors, reply, [certificateError] { *certificateError = true; });
        connect(reply, &QNetworkReply::finished, this, [this, id, reply, bounded, certificateError] {
            m_replies.remove(id);
            reply->deleteLater();
            HttpResponse response;
            response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            response.networkError = reply->error();
            response.errorString = reply->errorString();
            response.headers = reply->rawHeaderPairs();
            response.body = bounded->takeBody();
            response.refusal = bounded->refusal();
            response.certificateError = *certificateError;
            HttpTransport *transport = m_transport;
            // The transport outlives this thread (its destructor joins it), so posting to it is safe;
            // a call still queued when it is destroyed is dropped with it.
            QMetaObject::invokeMethod(
                transport, [transport, id, response = std::move(response)]() mutable { transport->deliver(id, std::move(response)); },
                Qt::QueuedConnection);
        });
    }

    void abort(quint64 id)
    {
        if (QNetworkReply *reply = m_replies.take(id)) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }

private:
    HttpTransport *m_transport;
    QNetworkAccessManager *m_network = nullptr;
    QHash<quint64, QNetworkReply *> m_replies;
};

HttpTransport::HttpTransport(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_worker(new TransportWorker(this))
{
    m_thread->setObjectName(QStringLiteral("fmc HTTP transport"));
    m_worker->moveToThread(m_thread);
    // The worker, its network manager and any reply still open go with the thread's end.
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

HttpTransport::~HttpTransport()
{
    m_pending.clear();
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

quint64 HttpTransport::send(const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body,
                            qint64 maxBodyBytes, QObject *context, Callback done)
{
    const quint64 id = m_nextId++;
    m_pending.insert(id, Pending{context, std::move(done)});
    TransportWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, id, request, verb, body, maxBodyBytes] { worker->start(id, request, verb, body, maxBodyBytes); },
        Qt::QueuedConnection);
    return id;
}

void HttpTransport::abort(quint64 id)
{
    if (!m_pending.remove(id))
        return;
    TransportWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id] { worker->abort(id); }, Qt::QueuedConnection);
}

void HttpTransport::deliver(quint64 id, HttpResponse response)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return; // aborted meanwhile
    Pending pending = std::move(*it);
    m_pending.erase(it);
    if (pending.context && pending.done)
        pending.done(std::move(response));
}

} // namespace fmc
