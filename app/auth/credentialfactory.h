#pragma once

#include "app/auth/credential.h"

#include <QList>
#include <QProcessEnvironment>

namespace fmc {

//! What the sign-in dialog collected: the provider and what that provider needs.
struct CredentialChoice {
    Credential::Kind kind = Credential::Kind::DeviceCode;
    AuthConfig config;          //!< authority, tenant, client id (the service principal's for ClientSecret)
    QString clientSecret;       //!< ClientSecret only
    QString token;              //!< StaticToken only; empty: FABRIC_TOKEN
};

//! \brief Builds credentials from the sign-in dialog's choice, and names the providers for the
//! dialog and for QSettings (the stable key is stored, never a secret).
class CredentialFactory
{
public:
    //! Every provider, in the order a sign-in dialog lists them.
    static QList<Credential::Kind> kinds();
    //! "Device code", "Browser", ... (translated).
    static QString displayName(Credential::Kind kind);
    //! A stable key for settings: "device-code", "browser", "client-secret", "environment",
    //! "azure-cli", "token".
    static QString key(Credential::Kind kind);
    //! The kind for \a key; \a fallback when unknown.
    static Credential::Kind kindFromKey(const QString &key, Credential::Kind fallback = Credential::Kind::DeviceCode);

    //! A new credential (owned by \a parent, or by the TokenSession it is given to).
    static Credential *create(const CredentialChoice &choice,
                              const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                              QObject *parent = nullptr);
};

} // namespace fmc
