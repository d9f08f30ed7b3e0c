#include "app/auth/secretstore.h"

#include "app/auth/authlog.h"

#include <QTimer>

#include <qt6keychain/keychain.h>

namespace fmc {
namespace {

// QtKeychain 0.13 on Windows stores at most this many bytes in the credential store.
[[maybe_unused]] constexpr qsizetype kWindowsCredentialLimit = 2560;

// Every job: deleted when done, and never the plain-text file QtKeychain falls back to by default.
void prepareJob(QKeychain::Job *job, const QString &key)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
}

} // namespace

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

void SecretStore::setKeychainEnabled(bool enabled)
{
    m_keychainEnabled = enabled;
    if (!enabled)
        setPersistence(Persistence::SessionOnly,
                       tr("Sign-in secrets are kept for this session only (the keychain is not used)."));
}

void SecretStore::write(const QString &key, const QString &secret)
{
    m_memory.insert(key, secret);
    if (!m_keychainEnabled || m_persistence == Persistence::SessionOnly)
        return;
#ifdef Q_OS_WIN
    if (secret.toUtf8().size() > kWindowsCredentialLimit) {
        setPersistence(Persistence::SessionOnly,
                       tr("The sign-in is too large for the Windows credential store; it is kept for this session only."));
        return;
    }
#endif
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    prepareJob(job, key);
    job->setTextData(secret);
    jobStarted();
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError)
            setPersistence(Persistence::Keychain, QString());
        else
            keychainFailed(job->error(), job->errorString());
        jobFinished();
    });
    job->start();
}

void SecretStore::read(const QString &key, QObject *context, ReadCallback callback)
{
    QPointer<QObject> guard = context ? context : this;
    const auto deliver = [guard, callback](const QString &secret) {
        if (guard)
            QTimer::singleShot(0, guard.data(), [callback, secret] { callback(secret); });
    };
    const auto it = m_memory.constFind(key);
    if (it != m_memory.constEnd() || !m_keychainEnabled || m_persistence == Persistence::SessionOnly) {
        deliver(it != m_memory.constEnd() ? *it : QString());
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    prepareJob(job, key);
    jobStarted();
    connect(job, &QKeychain::Job::finished, this, [this, job, key, deliver] {
        QString secret;
        if (job->error() == QKeychain::NoError) {
            secret = job->textData();
            m_memory.insert(key, secret);
            setPersistence(Persistence::Keychain, QString());
        } else if (job->error() != QKeychain::EntryNotFound) {
            keychainFailed(job->error(), job->errorString());
        }
        deliver(secret);
        jobFinished();
    });
    job->start();
}

void SecretStore::remove(const QString &key)
{
    m_memory.remove(key);
    if (!m_keychainEnabled || m_persistence == Persistence::SessionOnly)
        return;
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    prepareJob(job, key);
    jobStarted();
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
            keychainFailed(job->error(), job->errorString());
        jobFinished();
    });
    job->start();
}

void SecretStore::keychainFailed(int error, const QString &errorString)
{
    qCInfo(lcAuth) << "keychain unavailable (error" << error << "):" << errorString;
    setPersistence(Persistence::SessionOnly,
                   error == QKeychain::NoBackendAvailable
                       ? tr("No keychain is available, so your sign-in is kept for this session only; "
                            "you will be asked to sign in again next time.")
                       : tr("The keychain refused to store your sign-in (%1); it is kept for this session only.")
                             .arg(errorString));
}

void SecretStore::setPersistence(Persistence persistence, const QString &notice)
{
    if (m_persistence == persistence && m_notice == notice)
        return;
    // Once the keychain has failed, later answers do not promote the session back silently.
    if (m_persistence == Persistence::SessionOnly && persistence == Persistence::Keychain)
        return;
    m_persistence = persistence;
    m_notice = notice;
    Q_EMIT persistenceChanged(persistence, notice);
}

void SecretStore::jobFinished()
{
    if (--m_pendingJobs == 0)
        Q_EMIT idle();
}

} // namespace fmc
