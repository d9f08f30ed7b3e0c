#pragma once

// A minimal HTTP host for the real Entra ID emulator with options the full sandbox does not
// expose (no auto-approval, short device-code expiry), recording when each device-code poll
// arrived on the emulator's clock. Used by the device-code and sign-in tests.

#include "sandbox/entra/entraemulator.h"

#include <QAbstractHttpServer>

#include <functional>

namespace fmc::test {

class EntraHost : public QAbstractHttpServer
{
public:
    EntraHost(const sandbox::EntraOptions &options, double speed);

    QUrl url() const;
    sandbox::EntraEmulator &entra() { return m_entra; }
    sandbox::SandboxClock &clock() { return m_clock; }

    QList<qint64> pollTimesMs;              //!< emulator clock, one per device-code poll
    qint64 deviceCodeIssuedMs = -1;         //!< emulator clock
    QString lastDeviceCode;                 //!< harness only: lets a test poll as a second device
    std::function<void()> onDeviceCodeAnswered;
    std::function<void(int pollNumber)> onPollReceived; //!< 1-based, before the emulator sees it
    std::function<void(int pollNumber)> onPollAnswered; //!< 1-based, after the emulator answered

    //! Polls /token with the last device code as another client would (through handle()).
    QByteArray pollAsOtherDevice(const QString &clientId);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    QString tokenPath() const;
    sandbox::SandboxRequest makeRequest(const QByteArray &method, const QString &pathAndQuery) const;

    sandbox::SandboxClock m_clock;
    sandbox::EntraEmulator m_entra;
    quint16 m_port = 0;
};

} // namespace fmc::test
