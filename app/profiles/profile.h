#pragma once

#include "app/auth/authconfig.h"

#include <QColor>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace fmc {

struct ConsoleSettings;

//! \brief A named sign-in target: which cloud (API base URL and Entra authority), which tenant,
//! how and as whom to sign in, and how windows mark it (a short label such as "PROD" on a
//! coloured strip). A production profile makes every state-changing action ask once more.
//!
//! A value type: ProfileStore keeps it in QSettings (never a secret: those stay in the keychain
//! under keys prefixed by keyPrefix()).
struct Profile {
    QString id;                 //!< stable, generated (newId()); never shown, used in keys
    QString name;               //!< "Contoso production", chosen by the user
    QString label;              //!< the strip's text, e.g. "PROD"; empty: the name is shown
    QColor colour = defaultColour();
    bool production = false;    //!< state-changing actions ask once more, naming the profile
    QUrl apiBaseUrl = QUrl(QStringLiteral("https://api.fabric.microsoft.com/v1"));
    QUrl authority = QUrl(QStringLiteral("https://login.microsoftonline.com"));
    QString tenant = QStringLiteral("organizations");
    QString signInMethod;       //!< CredentialFactory::key(); empty: ask
    QString account;            //!< who signed in last (display only)
    QString clientId;           //!< public client for device code / browser
    QString servicePrincipalId; //!< client id of a service principal (its secret: keychain)
    QString servicePrincipalTenant;

    static QString newId();
    static QColor defaultColour();
    static QColor productionColour();

    //! The label, or the name when no label is set: what the strip and titles show.
    QString displayLabel() const;
    //! Where interactive sign-in goes: authority, tenant, public client.
    AuthConfig authConfig() const;
    //! "profile:<id>/": prepended to this profile's keychain keys.
    QString keyPrefix() const;

    //! \brief The endpoint and sign-in values of \a settings (today's single set) as a profile
    //! (a new id, the name "Default"): the upgrade's first profile.
    static Profile fromSettings(const ConsoleSettings &settings);
    //! Writes this profile's endpoint and sign-in values into \a settings (the rest is kept).
    void applyTo(ConsoleSettings &settings) const;

    //! Every problem of the values, one sentence each; empty when valid.
    QStringList problems() const;

    bool operator==(const Profile &) const = default;
};

} // namespace fmc

Q_DECLARE_METATYPE(fmc::Profile)
