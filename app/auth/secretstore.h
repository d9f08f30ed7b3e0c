#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace fmc {

//! \brief Refresh tokens and client secrets: kept in memory for the session and written only to
//! the OS keychain (QtKeychain, insecure fallback off: never a plain-text file). When no keychain
//! answers (NoBackendAvailable, the usual case on a headless machine) they stay in memory only
//! and notice() says so.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Persistence { Unknown, Keychain, SessionOnly };
    Q_ENUM(Persistence)

    using ReadCallback = std::function<void(const QString &secret)>;

    explicit SecretStore(const QString &service = QStringLiteral("fabric-mirroring-console"), QObject *parent = nullptr);

    //! Off: never touch the keychain (e.g. the --sandbox demo); everything is session-only.
    void setKeychainEnabled(bool enabled);
    bool isKeychainEnabled() const { return m_keychainEnabled; }

    //! Keeps \a secret under \a key in memory and writes it to the keychain.
    void write(const QString &key, const QString &secret);
    //! \brief Calls \a callback (asynchronously, unless \a context is gone) with the secret under
    //! \a key: from memory, else from the keychain; empty when there is none.
    void read(const QString &key, QObject *context, ReadCallback callback);
    //! Forgets \a key in memory and deletes it from the keychain.
    void remove(const QString &key);

    Persistence persistence() const { return m_persistence; }
    //! A sentence for the user when secrets are not persisted; empty otherwise.
    QString notice() const { return m_notice; }
    //! Keychain jobs still running (tests wait for 0).
    int pendingJobs() const { return m_pendingJobs; }

Q_SIGNALS:
    void persistenceChanged(fmc::SecretStore::Persistence persistence, const QString &notice);
    //! The last pending keychain job finished.
    void idle();

private:
    void setPersistence(Persistence persistence, const QString &notice);
    void jobStarted() { ++m_pendingJobs; }
    void jobFinished();
    void keychainFailed(int error, const QString &errorString);

    QString m_service;
    QHash<QString, QString> m_memory;
    bool m_keychainEnabled = true;
    Persistence m_persistence = Persistence::Unknown;
    QString m_notice;
    int m_pendingJobs = 0;
};

} // namespace fmc
