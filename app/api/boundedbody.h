#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

class QNetworkReply;

namespace fmc {

//! \brief Reads a reply's body as it arrives and refuses it once it passes \a maxBytes
//! (docs/reliability-matrix.md, "Response size"): a `Content-Length` above the cap is refused
//! when the headers arrive, before any of the body is read; a chunked or unannounced body is
//! aborted as soon as the count passes the cap. Either way the reply is aborted (finished()
//! follows) and refusal() says why. Without this a 2 GiB body was buffered whole (4.6 GB
//! resident) before the size was checked. Both the API client and the token endpoint use it.
//!
//! Lifetime: a child of the reply; create it right after the reply, before the event loop runs.
class BoundedBody : public QObject
{
    Q_OBJECT
public:
    BoundedBody(QNetworkReply *reply, qint64 maxBytes);

    //! A sentence for the user when the body was refused, else empty.
    QString refusal() const { return m_refusal; }
    bool refused() const { return !m_refusal.isEmpty(); }
    //! The whole body (what was read plus what remains), once the reply finished.
    QByteArray takeBody();

private:
    void checkHeaders();
    void read();
    void refuse(qint64 size);

    QNetworkReply *m_reply;
    qint64 m_maxBytes;
    QByteArray m_body;
    QString m_refusal;
};

} // namespace fmc
