#pragma once

#include <QDateTime>
#include <QElapsedTimer>

namespace fmc::sandbox {

//! The emulator's notion of "now": wall time scaled by --speed, plus whatever the admin endpoint
//! advanced it by. Replication, token expiry, LRO progress and device-code expiry all read it,
//! so a test can see minutes pass in milliseconds.
//!
//! Paused, it stands still: wall time stops counting (advance() still moves it), so a test can
//! compare what a client shows with the sandbox's state while nothing moves underneath.
class SandboxClock
{
public:
    //! \a startPaused: the clock stands at its start until resumed. It is a constructor argument,
    //! not a pause() right after, because the wall time between the two (milliseconds under a
    //! sanitizer) times the speed would already have passed.
    explicit SandboxClock(double speed = 1.0, QDateTime start = QDateTime::currentDateTimeUtc(),
                          bool startPaused = false)
        : m_start(start.toUTC())
        , m_speed(speed > 0 ? speed : 1.0)
        , m_paused(startPaused)
    {
        m_elapsed.start();
    }

    QDateTime now() const { return m_start.addMSecs(nowMSecsSinceStart()); }
    qint64 nowMSecsSinceStart() const { return qint64(double(runningWallMs()) * m_speed) + m_advancedMs; }
    double speed() const { return m_speed; }
    void advance(qint64 ms) { m_advancedMs += ms; }

    //! Stops wall time from counting; a no-op when already paused.
    void pause()
    {
        if (m_paused)
            return;
        m_pausedAtWallMs = runningWallMs();
        m_paused = true;
    }
    //! Counts wall time again from where it stood; a no-op when running.
    void resume()
    {
        if (!m_paused)
            return;
        m_excludedWallMs = m_elapsed.elapsed() - m_pausedAtWallMs;
        m_paused = false;
    }
    bool isPaused() const { return m_paused; }

private:
    //! Wall milliseconds since start during which the clock was not paused.
    qint64 runningWallMs() const { return m_paused ? m_pausedAtWallMs : m_elapsed.elapsed() - m_excludedWallMs; }

    QDateTime m_start;
    QElapsedTimer m_elapsed;
    double m_speed = 1.0;
    qint64 m_advancedMs = 0;
    bool m_paused = false;
    qint64 m_pausedAtWallMs = 0; //!< runningWallMs() when paused
    qint64 m_excludedWallMs = 0; //!< wall milliseconds spent paused so far
};

} // namespace fmc::sandbox
