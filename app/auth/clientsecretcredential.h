#pragma once

#include "app/auth/credential.h"

namespace fmc {

//! \brief A service principal signing in with its client secret (client credentials grant).
//! Renewal signs in again; there is no refresh token.
class ClientSecretCredential : public Credential
{
    Q_OBJECT
public:
    //! \a config.tenant and \a config.clientId name the service principal.
    ClientSecretCredential(const AuthConfig &config, const QString &clientSecret, QObject *parent = nullptr);

    Kind kind() const override { return Kind::ClientSecret; }
    QString secretToPersist() const override { return m_secret; }

protected:
    void startAcquire() override;

private:
    QString m_secret;
};

} // namespace fmc
