#include "app/api/boundedbody.h"

#include <QLocale>
#include <QNetworkReply>

namespace fmc {
namespace {

//! How far Qt may read ahead of what was counted.
constexpr qint64 kReadAheadBytes = 1024 * 1024;

} // namespace

BoundedBody::BoundedBody(QNetworkReply *reply, qint64 maxBytes)
    : QObject(reply)
    , m_reply(reply)
    , m_maxBytes(maxBytes)
{
    // Without a bound Qt's network thread reads ahead of us into the reply's buffer as fast as
    // the socket delivers, however slowly the event loop drains it (220 MB read ahead of a 1 MiB
    // cap was seen): a bounded buffer stops it reading until we have counted what it holds.
    const qint64 readAhead = std::min<qint64>(maxBytes, kReadAheadBytes);
    reply->setReadBufferSize(readAhead);
    // Set once more after Qt has started the request. A reply with a request body (every one of
    // ours: HttpTransport's OneShotBody) starts it from a queued call, and only then connects the
    // network thread to the reply's size changes: the size set above never reached that thread,
    // which then read the socket unbounded (189 MiB counted, 445 MiB resident past a 64 MiB cap
    // with a chunked body; with this call 64 MiB counted, 6 MiB over it off the socket). Queued
    // here after Qt's start call, so it runs before the request is even sent.
    QMetaObject::invokeMethod(
        this, [reply, readAhead] { reply->setReadBufferSize(readAhead); }, Qt::QueuedConnection);
    connect(reply, &QNetworkReply::metaDataChanged, this, &BoundedBody::checkHeaders);
    connect(reply, &QIODevice::readyRead, this, &BoundedBody::read);
}

void BoundedBody::checkHeaders()
{
    bool ok = false;
    const qint64 announced = m_reply->rawHeader("Content-Length").trimmed().toLongLong(&ok);
    if (ok && announced > m_maxBytes)
        refuse(announced);
}

void BoundedBody::read()
{
    if (refused())
        return;
    // One byte past the cap tells it is too long: never more is held. (Bounded by what is there
    // too: read(n) allocates n bytes up front.)
    const qint64 wanted = std::min(m_reply->bytesAvailable(), m_maxBytes + 1 - m_body.size());
    // Past the read-ahead the room for the whole cap is taken at once: growing step by step made
    // the allocator copy the body each time it doubled, and old and new copies were resident
    // together (128 MiB for a 64 MiB cap). Pages of the room are resident only once written.
    if (m_body.size() + wanted > kReadAheadBytes && m_body.capacity() <= m_maxBytes)
        m_body.reserve(m_maxBytes + 1);
    m_body += m_reply->read(wanted);
    if (m_body.size() > m_maxBytes)
        refuse(-1);
}

void BoundedBody::refuse(qint64 size)
{
    if (refused())
        return;
    const QLocale locale;
    m_refusal = size >= 0 ? tr("The answer announced %1 bytes, more than the %2 bytes accepted; it was not read.")
                                .arg(locale.toString(size), locale.toString(m_maxBytes))
                          : tr("The answer was longer than the %1 bytes accepted; reading stopped there.")
                                .arg(locale.toString(m_maxBytes));
    m_body = QByteArray();
    m_body.squeeze();
    // Emits finished(): the owner sees refused() there.
    m_reply->abort();
}

QByteArray BoundedBody::takeBody()
{
    if (refused())
        return {};
    read();
    return refused() ? QByteArray() : std::exchange(m_body, {});
}

} // namespace fmc
