#pragma once

#include <QDateTime>
#include <QElapsedTimer>

namespace fmc::sandbox {

//! The emulator's notion of "now": wall time scaled by --speed, plus whatever the admin endpoint
//! advanced it by. Replication, token expiry, LRO progress and device-code expiry all read it,
//! so a test can see minutes pass in milliseconds.
class SandboxClock
{
public:
    explicit SandboxClock(double speed = 1.0, QDateTime start = QDateTime::currentDateTimeUtc())
        : m_start(start.toUTC())
        , m_speed(speed > 0 ? speed : 1.0)
    {
        m_elapsed.start();
    }

    QDateTime now() const { return m_start.addMSecs(nowMSecsSinceStart()); }
    qint64 nowMSecsSinceStart() const { return qint64(double(m_elapsed.elapsed()) * m_speed) + m_advancedMs; }
    double speed() const { return m_speed; }
    void advance(qint64 ms) { m_advancedMs += ms; }

private:
    QDateTime m_start;
    QElapsedTimer m_elapsed;
    double m_speed = 1.0;
    qint64 m_advancedMs = 0;
};

} // namespace fmc::sandbox
