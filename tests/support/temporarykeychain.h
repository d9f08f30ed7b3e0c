#pragma once

// A real keychain of the tests' own: a private D-Bus session bus (no service activation, so
// nothing else answers on it) with gnome-keyring-daemon's Secret Service, its keyring files in a
// TemporaryHome and unlocked with a throw-away password. QtKeychain talks to it through
// libsecret as it would to a desktop's keychain, so a refresh token written by one process
// (fmc, or the console's classes in the test) is read back by another. The developer's own
// keychain is never reached: the bus address is the only way to it.

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

namespace fmc::test {

class TemporaryHome;

class TemporaryKeychain
{
public:
    //! Keeps its keyrings, socket and bus under \a home (which must outlive it).
    explicit TemporaryKeychain(const TemporaryHome &home);
    ~TemporaryKeychain();
    TemporaryKeychain(const TemporaryKeychain &) = delete;
    TemporaryKeychain &operator=(const TemporaryKeychain &) = delete;

    //! \brief Starts the bus and the keyring daemon and waits until the Secret Service answers.
    //! False and a sentence in \a error when a program is missing or does not come up.
    bool start(QString *error);
    //! The bus address (DBUS_SESSION_BUS_ADDRESS), empty before start().
    QString busAddress() const { return m_address; }
    //! Points \a environment at this keychain (for a child process).
    void addTo(QProcessEnvironment &environment) const;
    //! \brief Points this process at it: call before anything here touches a keychain (libsecret
    //! reads the bus address once).
    void exportToEnvironment() const;

private:
    bool secretServiceAnswers() const;

    const TemporaryHome &m_home;
    QProcess m_bus;
    QProcess m_keyring;
    QString m_address;
};

} // namespace fmc::test
