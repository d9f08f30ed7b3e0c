#pragma once

// What the hostile-service suites measure about the console itself: resident memory (VmRSS, read
// from /proc/self/status) and the longest gap between ticks of a GUI-thread heartbeat timer (the
// longest the event loop was blocked); and the hostile answers they share. Header-only, QtCore.

#include "tests/support/timefactor.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QString>
#include <QTest>
#include <QTimer>

#include <algorithm>

#if defined(__SANITIZE_ADDRESS__)
#define FMC_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FMC_TEST_UNDER_ASAN 1
#endif
#endif

namespace fmc::test {

//! \brief A resident-memory bound of \a mib for a plain build, larger under AddressSanitizer,
//! whose quarantine and shadow memory keep freed blocks resident (as scaledMs() does for time).
inline qint64 scaledMiB(qint64 mib)
{
#ifdef FMC_TEST_UNDER_ASAN
    return mib * 4;
#else
    return mib;
#endif
}

//! \brief What AddressSanitizer's quarantine can keep resident on top of a bound (its default
//! quarantine_size_mb, 256 MiB on 64-bit): freed blocks wait there, so a test that streams many
//! buffers through (a read buffer per megabyte of body) sees up to that much more; 0 otherwise.
//! A 64 MiB chunked body measured 260 MiB growth under ASan against 65 MiB without.
inline qint64 asanQuarantineMiB()
{
#ifdef FMC_TEST_UNDER_ASAN
    return 256;
#else
    return 0;
#endif
}

//! This process's resident set size in KiB (0 where /proc is missing).
inline qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return 0;
}

//! \brief The most a loopback TCP connection can hold in kernel buffers: the largest receive
//! buffer plus the largest send buffer (the third fields of net.ipv4.tcp_rmem and tcp_wmem).
//! A server can have written that much more than the peer ever read; 64 MiB where /proc is
//! missing.
inline qint64 maxSocketBufferBytes()
{
    const auto third = [](const QString &path) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return qint64(32) * 1024 * 1024;
        return file.readAll().simplified().split(' ').value(2).toLongLong();
    };
    return third(QStringLiteral("/proc/sys/net/ipv4/tcp_rmem")) + third(QStringLiteral("/proc/sys/net/ipv4/tcp_wmem"));
}

//! \brief Ticks every 10 ms on the thread it lives in and keeps the longest gap between two
//! ticks (a blocked event loop shows as one long gap) and the highest VmRSS seen at a tick.
class Heartbeat : public QObject
{
public:
    explicit Heartbeat(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_timer.setInterval(10);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longestGapMs = std::max(m_longestGapMs, m_sinceTick.restart());
            if (++m_ticks % 5 == 0)
                m_peakKiB = std::max(m_peakKiB, residentKiB());
        });
        m_baseKiB = residentKiB();
        m_peakKiB = m_baseKiB;
        m_sinceTick.start();
        m_timer.start();
    }
    qint64 longestGapMs() const { return std::max(m_longestGapMs, m_sinceTick.elapsed()); }
    //! Peak VmRSS above what it was at construction, in MiB.
    qint64 growthMiB() const { return (std::max(m_peakKiB, residentKiB()) - m_baseKiB) / 1024; }
    //! Waits for \a count more ticks: the GUI thread has come round that often since.
    bool waitTicks(int count)
    {
        const int until = m_ticks + count;
        return QTest::qWaitFor([&] { return m_ticks >= until; }, 10000);
    }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    qint64 m_longestGapMs = 0;
    qint64 m_baseKiB = 0;
    qint64 m_peakKiB = 0;
    int m_ticks = 0;
};

//! \brief A first page of a tenant with a million workspaces: \a named workspaces with GUID ids
//! ("%08x-1111-1111-1111-111111111111"), then tiny entries up to \a bytes, and a continuation.
inline QByteArray hugeWorkspacePage(int named, qsizetype bytes = 17 * 1024 * 1024)
{
    QByteArray page = R"({"value":[)";
    page.reserve(bytes + 64);
    for (int i = 0; i < named; ++i)
        page += QStringLiteral(R"({"id":"%1-1111-1111-1111-111111111111","displayName":"w%2"},)")
                    .arg(i, 8, 16, QLatin1Char('0'))
                    .arg(i)
                    .toLatin1();
    while (page.size() < bytes)
        page += R"({"id":"x","displayName":"y"},)";
    page.chop(1);
    page += R"(],"continuationToken":"more"})";
    return page;
}

//! An Entra token endpoint's answer carrying \a token (raw JSON text: escapes are kept).
inline QByteArray tokenAnswer(const QByteArray &token, const QByteArray &expiresIn = "3600")
{
    return R"({"token_type":"Bearer","access_token":")" + token + R"(","expires_in":)" + expiresIn + "}";
}

} // namespace fmc::test
