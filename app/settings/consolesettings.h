#pragma once

#include "models/mirroringdefinition.h"

#include <QString>
#include <QStringList>
#include <QUrl>

class QSettings;

namespace fmc {

//! \brief The console's preferences, kept in QSettings: where the API and the sign-in service
//! are, how often the monitor refreshes, and which sign-in was used last. Never a secret or a
//! token: those live in the keychain (SecretStore).
//!
//! Every field has a validator that returns an empty string when the value is acceptable and a
//! sentence for the user otherwise; load() replaces a bad value from a hand-edited file by its
//! default and says why, so that a broken file never stops the console from starting.
struct ConsoleSettings {
    QUrl apiBaseUrl = defaultApiBaseUrl();
    QUrl authority = defaultAuthority();
    QString tenant = defaultTenant();
    QString clientId;                  //!< public client (app registration) for device code / browser
    int refreshIntervalSeconds = 10;   //!< status monitor / dashboard refresh
    //! \brief Most tables the definition editor lets one mirrored database mirror:
    //! kAutomaticTableLimit (the documented per-source limits, 500 or 1,000 for Snowflake: see
    //! docs/fabric-api-notes.md#table-limits), or a number that overrides them for every source
    //! type (e.g. once Microsoft raises the limit).
    int tableLimit = kAutomaticTableLimit;
    //! \brief The `timeout` sent with a SQL endpoint metadata refresh, in minutes (the spec's
    //! default is 15). At most 30: the client gives up on a long-running operation after 30
    //! minutes (RetryPolicy::operationLimit), so a longer timeout could not be waited for.
    int sqlEndpointRefreshTimeoutMinutes = 15;
    QString lastSignInMethod;          //!< CredentialFactory::key() of the last successful sign-in
    QString lastAccount;               //!< who signed in last (UPN or app id), for display only
    QString lastServicePrincipalId;    //!< client id of the last service principal (not its secret)
    QString lastServicePrincipalTenant;
    int historyRetentionDays = 30;     //!< history file: samples and events older than this go
    int historySizeCapMiB = 512;       //!< history file: above this, the oldest days go
    bool sinceLastLookedAtStart = true; //!< the console's start lists what changed since the last look


    static QUrl defaultApiBaseUrl();
    static QUrl defaultAuthority();
    static QString defaultTenant();

    static constexpr int kMinRefreshSeconds = 2;
    static constexpr int kMaxRefreshSeconds = 3600;
    static constexpr int kAutomaticTableLimit = 0;
    static constexpr int kMinTableLimit = 1; //!< smallest override (0 is Automatic)
    static constexpr int kMaxTableLimit = 100000;
    static constexpr int kMinSqlEndpointTimeoutMinutes = 1;
    static constexpr int kMaxSqlEndpointTimeoutMinutes = 30;
    static constexpr int kMinHistoryDays = 1;
    static constexpr int kMaxHistoryDays = 365;
    static constexpr int kMinHistoryMiB = 16;
    static constexpr int kMaxHistoryMiB = 65536;

    //! \brief Empty when \a url may receive credentials: https, or http only to a loopback host
    //! (the sandbox). Otherwise a sentence naming \a what ("API base URL") and the reason.
    static QString checkEndpointUrl(const QUrl &url, const QString &what);
    //! A tenant id (GUID), a domain, or "organizations" / "common" / "consumers".
    static QString checkTenant(const QString &tenant);
    //! \brief checkTenant(), and not one of the multi-tenant names ("organizations", "common",
    //! "consumers"): Entra ID refuses those for client credentials, as an application signs in
    //! to one tenant, named by its id or a domain.
    static QString checkServicePrincipalTenant(const QString &tenant);
    //! Empty, or an application (client) id in GUID form.
    static QString checkClientId(const QString &clientId);
    static QString checkRefreshInterval(int seconds);
    static QString checkTableLimit(int limit);
    static QString checkSqlEndpointTimeout(int minutes);
    static QString checkHistoryRetention(int days);
    static QString checkHistorySizeCap(int mebibytes);

    //! The limits the definition editor validates against, from tableLimit.
    DefinitionLimits definitionLimits() const;

    //! Every problem of this set of values, one sentence each; empty when all are valid.
    QStringList problems() const;

    //! \brief Reads the values from \a settings; each missing or invalid value gets its default
    //! and, when it was present but invalid, a sentence in \a problems.
    static ConsoleSettings load(QSettings &settings, QStringList *problems = nullptr);
    //! Writes every value to \a settings (and nothing else).
    void save(QSettings &settings) const;

    bool operator==(const ConsoleSettings &) const = default;
};

} // namespace fmc
