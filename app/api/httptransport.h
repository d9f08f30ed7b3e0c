#pragma once

#include "app/api/httpheaders.h"

#include <QByteArray>
#include <QHash>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QNetworkRequest;
class QThread;

namespace fmc {

class TransportWorker;

//! What came back for one exchange, read whole (up to the body cap) off the GUI thread.
struct HttpResponse {
    int status = 0; //!< HTTP status; 0 when no status line arrived
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString errorString;
    HttpHeaders headers;
    QByteArray body;
    QString refusal; //!< why the body was refused (over the cap), else empty
    bool certificateError = false; //!< the TLS handshake reported a certificate error
};

//! \brief Sends HTTP requests from a thread of its own and hands back whole answers.
//!
//! Why not QNetworkAccessManager on the GUI thread: a reply delivers its body in the thread it
//! lives in, so a hostile multi-GiB answer kept the GUI thread busy (805 ms stalls under load)
//! and queued up to 1.8 GiB for it. Here the reply lives in a thread that does nothing but count
//! against the cap (BoundedBody), and the GUI thread sees one queued call per exchange. Qt's own
//! HTTP thread reads at most BoundedBody's read buffer ahead of that count
//! (docs/reliability-matrix.md, "Hostile service").
//!
//! Every request body is sent once only (Qt never re-sends on its own; see OneShotBody), and
//! redirects are never followed here: they are the caller's to judge.
class HttpTransport : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(HttpResponse)>;

    explicit HttpTransport(QObject *parent = nullptr);
    ~HttpTransport() override;

    //! Sends \a verb to \a request's URL with \a body, reading at most \a maxBodyBytes of the
    //! answer. \a done runs on this object's thread, unless \a context is gone or abort() came
    //! first. Returns the id abort() takes.
    quint64 send(const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body, qint64 maxBodyBytes,
                 QObject *context, Callback done);
    //! Stops the exchange; its callback never runs.
    void abort(quint64 id);
    int inFlight() const { return int(m_pending.size()); }

private:
    friend class TransportWorker;
    void deliver(quint64 id, HttpResponse response);

    struct Pending {
        QPointer<QObject> context;
        Callback done;
    };
    QThread *m_thread;
    TransportWorker *m_worker;
    QHash<quint64, Pending> m_pending;
    quint64 m_nextId = 1;
};

} // namespace fmc
