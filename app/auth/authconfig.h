#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QUrl>

#include <cmath>


namespace fmc {

//! \brief Where and as whom a credential signs in: the Entra ID v2 endpoints under
//! `{authority}/{tenant}/oauth2/v2.0/`, the app registration and the scope to ask for.
struct AuthConfig {
    QUrl authority = QUrl(QStringLiteral("https://login.microsoftonline.com"));
    QString tenant = QStringLiteral("organizations");
    QString clientId;                                                  //!< app registration (public client for device code / browser)
    QString scope = QStringLiteral("https://api.fabric.microsoft.com/.default");
    //! Time scale, as the sandbox's --speed: every protocol wait (device-code interval and expiry,
    //! browser timeout, token lifetime) is divided by it, so that tests see minutes in milliseconds.
    double speed = 1.0;
    //! Wall-clock milliseconds to wait for \a virtualMs of protocol time.
    qint64 wallMs(qint64 virtualMs) const
    {
        return qMax<qint64>(0, qint64(std::llround(double(virtualMs) / (speed > 0 ? speed : 1.0))));
    }
};

//! \brief A stopwatch in protocol time: wall time elapsed multiplied by AuthConfig::speed.
class ScaledStopwatch
{
public:
    explicit ScaledStopwatch(double speed = 1.0) : m_speed(speed > 0 ? speed : 1.0) {}
    void start() { m_timer.start(); }
    bool isValid() const { return m_timer.isValid(); }
    qint64 elapsedMs() const { return m_timer.isValid() ? qint64(double(m_timer.elapsed()) * m_speed) : 0; }

private:
    QElapsedTimer m_timer;
    double m_speed = 1.0;
};

} // namespace fmc
