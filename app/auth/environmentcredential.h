#pragma once

#include "app/auth/credential.h"

#include <QProcessEnvironment>

namespace fmc {

class ClientSecretCredential;

//! \brief A service principal named by the environment, as the Azure SDKs read it:
//! AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, and optionally AZURE_AUTHORITY_HOST.
//! The environment is read when signing in, so a missing variable is reported then.
class EnvironmentCredential : public Credential
{
    Q_OBJECT
public:
    explicit EnvironmentCredential(const AuthConfig &config,
                                   const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                                   QObject *parent = nullptr);

    Kind kind() const override { return Kind::Environment; }
    //! The names of the required variables that are unset or empty.
    QStringList missingVariables() const;

protected:
    void startAcquire() override;
    void abortOperation() override;

private:
    QProcessEnvironment m_environment;
    ClientSecretCredential *m_inner = nullptr;
};

} // namespace fmc
