#pragma once

#include "app/auth/credential.h"

#include <QDateTime>
#include <QPointer>

class QProcess;

namespace fmc {

//! \brief Borrows the Azure CLI's sign-in: runs `az account get-access-token --resource
//! https://api.fabric.microsoft.com --output json` (asynchronously) and reads its answer.
//! Renewal runs it again (az refreshes its own tokens).
class AzureCliCredential : public Credential
{
    Q_OBJECT
public:
    explicit AzureCliCredential(const AuthConfig &config, QObject *parent = nullptr);
    ~AzureCliCredential() override;

    Kind kind() const override { return Kind::AzureCli; }

    //! The program to run (default: "az" looked up on PATH when signing in).
    void setProgram(const QString &program) { m_program = program; }
    //! The resource asked for: the scope without "/.default".
    QString resource() const;

    //! \brief Decodes az's JSON (accessToken and expires_on, else expiresOn in local time)
    //! relative to \a nowUtc.
    static TokenGrant parseOutput(const QByteArray &output, const QDateTime &nowUtc);

protected:
    void startAcquire() override;
    void abortOperation() override;

private:
    void onFinished(int exitCode, bool crashed);

    QString m_program = QStringLiteral("az");
    QPointer<QProcess> m_process;
};

} // namespace fmc
