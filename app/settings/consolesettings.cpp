#include "app/settings/consolesettings.h"

#include "app/auth/credentialfactory.h"
#include "models/textexcerpt.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSettings>
#include <QUuid>

#include <functional>

namespace fmc {
namespace {

// Keys in the settings file; grouped so that a hand-edited file reads naturally.
const QString kApiBaseUrl = QStringLiteral("api/baseUrl");
const QString kAuthority = QStringLiteral("auth/authority");
const QString kTenant = QStringLiteral("auth/tenant");
const QString kClientId = QStringLiteral("auth/clientId");
const QString kRefresh = QStringLiteral("monitor/refreshIntervalSeconds");
// Renamed from monitor/tableLimit, which defaulted to 1000 and was never used: read as an override,
// a value saved then would raise the 500-table sources to 1,000 behind the user's back.
const QString kTableLimit = QStringLiteral("editor/maxTablesPerDatabase");
const QString kOldTableLimit = QStringLiteral("monitor/tableLimit");
const QString kSqlEndpointTimeout = QStringLiteral("sqlEndpoint/refreshTimeoutMinutes");
const QString kMethod = QStringLiteral("signIn/method");
const QString kAccount = QStringLiteral("signIn/account");
const QString kSpId = QStringLiteral("signIn/servicePrincipalId");
const QString kSpTenant = QStringLiteral("signIn/servicePrincipalTenant");
const QString kHistoryDays = QStringLiteral("history/retentionDays");
const QString kHistoryMiB = QStringLiteral("history/sizeCapMiB");
const QString kSummaryAtStart = QStringLiteral("history/sinceLastLookedAtStart");

QString tr(const char *text)
{
    return QCoreApplication::translate("fmc::ConsoleSettings", text);
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool isGuid(const QString &text)
{
    return text.size() == 36 && !QUuid::fromString(text).isNull();
}

// A problem sentence for a stored value that was replaced by its default.
QString replaced(const QString &key, const QString &reason)
{
    return tr("Setting %1 ignored: %2 The default is used.").arg(key, reason);
}

// Reads an integer setting; a present but non-numeric or invalid value becomes a problem.
int loadInt(QSettings &settings, const QString &key, int fallback, QString (*check)(int), QStringList *problems)
{
    if (!settings.contains(key))
        return fallback;
    bool ok = false;
    const int value = settings.value(key).toString().trimmed().toInt(&ok);
    const QString why = ok ? check(value) : tr("\"%1\" is not a whole number.").arg(textExcerpt(settings.value(key).toString()));
    if (why.isEmpty())
        return value;
    if (problems)
        problems->append(replaced(key, why));
    return fallback;
}

QString loadString(QSettings &settings, const QString &key, const QString &fallback,
                   const std::function<QString(const QString &)> &check, QStringList *problems)
{
    if (!settings.contains(key))
        return fallback;
    const QString value = settings.value(key).toString().trimmed();
    const QString why = check ? check(value) : QString();
    if (why.isEmpty())
        return value;
    if (problems)
        problems->append(replaced(key, why));
    return fallback;
}

} // namespace

QUrl ConsoleSettings::defaultApiBaseUrl()
{
    return QUrl(QStringLiteral("https://api.fabric.microsoft.com/v1"));
}

QUrl ConsoleSettings::defaultAuthority()
{
    return QUrl(QStringLiteral("https://login.microsoftonline.com"));
}

QString ConsoleSettings::defaultTenant()
{
    return QStringLiteral("organizations");
}

QString ConsoleSettings::checkEndpointUrl(const QUrl &url, const QString &what)
{
    if (url.isEmpty())
        return tr("%1 is empty.").arg(what);
    if (!url.isValid() || url.host().isEmpty())
        return tr("%1 \"%2\" is not a valid URL.").arg(what, textExcerpt(url.toString()));
    if (url.scheme() == QLatin1String("https"))
        return {};
    if (url.scheme() == QLatin1String("http")) {
        if (isLoopbackHost(url.host()))
            return {};
        // Tokens travel in clear text over http: only the sandbox on this machine may use it.
        return tr("%1 must use https: a token sent over plain http to %2 could be read on the network "
                  "(http is allowed only for a loopback host such as 127.0.0.1).")
            .arg(what, textExcerpt(url.host()));
    }
    return tr("%1 must be an https URL, not \"%2\".").arg(what, textExcerpt(url.scheme()));
}

QString ConsoleSettings::checkTenant(const QString &tenant)
{
    static const QRegularExpression domain(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$"));
    if (tenant.isEmpty())
        return tr("The tenant is empty (use a tenant id, a domain such as contoso.onmicrosoft.com, or \"organizations\").");
    if (isGuid(tenant) || domain.match(tenant).hasMatch())
        return {};
    return tr("\"%1\" is neither a tenant id nor a domain.").arg(textExcerpt(tenant));
}

QString ConsoleSettings::checkServicePrincipalTenant(const QString &tenant)
{
    const QString why = checkTenant(tenant);
    if (!why.isEmpty())
        return why;
    for (const char *alias : {"organizations", "common", "consumers"}) {
        if (tenant.compare(QLatin1String(alias), Qt::CaseInsensitive) == 0)
            return tr("\"%1\" names no tenant, and Entra ID refuses it for a service principal: an application "
                      "signs in to one tenant. Enter the tenant id or a domain such as contoso.onmicrosoft.com.")
                .arg(QLatin1String(alias));
    }
    return {};
}

QString ConsoleSettings::checkClientId(const QString &clientId)
{
    if (clientId.isEmpty() || isGuid(clientId))
        return {};
    return tr("The client id \"%1\" is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).").arg(textExcerpt(clientId));
}

QString ConsoleSettings::checkRefreshInterval(int seconds)
{
    if (seconds >= kMinRefreshSeconds && seconds <= kMaxRefreshSeconds)
        return {};
    return tr("The refresh interval must be between %1 and %2 seconds, not %3.")
        .arg(kMinRefreshSeconds).arg(kMaxRefreshSeconds).arg(seconds);
}

QString ConsoleSettings::checkTableLimit(int limit)
{
    if (limit == kAutomaticTableLimit || (limit >= kMinTableLimit && limit <= kMaxTableLimit))
        return {};
    return tr("The table limit must be Automatic (0) or between %1 and %2, not %3.")
        .arg(kMinTableLimit).arg(kMaxTableLimit).arg(limit);
}

QString ConsoleSettings::checkSqlEndpointTimeout(int minutes)
{
    if (minutes >= kMinSqlEndpointTimeoutMinutes && minutes <= kMaxSqlEndpointTimeoutMinutes)
        return {};
    return tr("The SQL endpoint refresh timeout must be between %1 and %2 minutes, not %3.")
        .arg(kMinSqlEndpointTimeoutMinutes).arg(kMaxSqlEndpointTimeoutMinutes).arg(minutes);
}

QString ConsoleSettings::checkHistoryRetention(int days)
{
    if (days >= kMinHistoryDays && days <= kMaxHistoryDays)
        return {};
    return tr("The history must be kept between %1 and %2 days, not %3.").arg(kMinHistoryDays).arg(kMaxHistoryDays).arg(days);
}

QString ConsoleSettings::checkHistorySizeCap(int mebibytes)
{
    if (mebibytes >= kMinHistoryMiB && mebibytes <= kMaxHistoryMiB)
        return {};
    return tr("The history file size cap must be between %1 and %2 MiB, not %3.")
        .arg(kMinHistoryMiB).arg(kMaxHistoryMiB).arg(mebibytes);
}

DefinitionLimits ConsoleSettings::definitionLimits() const
{
    DefinitionLimits limits;
    if (tableLimit != kAutomaticTableLimit) {
        limits.defaultMaxTables = tableLimit;
        limits.maxTablesBySourceType.clear();
    }
    return limits;
}

QStringList ConsoleSettings::problems() const
{
    QStringList result;
    for (const QString &why : {checkEndpointUrl(apiBaseUrl, tr("The API base URL")),
                               checkEndpointUrl(authority, tr("The authority")), checkTenant(tenant),
                               checkClientId(clientId), checkRefreshInterval(refreshIntervalSeconds),
                               checkTableLimit(tableLimit), checkSqlEndpointTimeout(sqlEndpointRefreshTimeoutMinutes),
                               checkHistoryRetention(historyRetentionDays), checkHistorySizeCap(historySizeCapMiB)})
        if (!why.isEmpty())
            result << why;
    return result;
}

ConsoleSettings ConsoleSettings::load(QSettings &settings, QStringList *problems)
{
    ConsoleSettings s;
    const auto urlCheck = [](const QString &what) {
        return [what](const QString &text) { return checkEndpointUrl(QUrl(text, QUrl::StrictMode), what); };
    };
    s.apiBaseUrl = QUrl(loadString(settings, kApiBaseUrl, s.apiBaseUrl.toString(), urlCheck(tr("The API base URL")), problems));
    s.authority = QUrl(loadString(settings, kAuthority, s.authority.toString(), urlCheck(tr("The authority")), problems));
    s.tenant = loadString(settings, kTenant, s.tenant, &checkTenant, problems);
    s.clientId = loadString(settings, kClientId, s.clientId, &checkClientId, problems);
    s.refreshIntervalSeconds = loadInt(settings, kRefresh, s.refreshIntervalSeconds, &checkRefreshInterval, problems);
    s.tableLimit = loadInt(settings, kTableLimit, s.tableLimit, &checkTableLimit, problems);
    s.sqlEndpointRefreshTimeoutMinutes = loadInt(settings, kSqlEndpointTimeout, s.sqlEndpointRefreshTimeoutMinutes,
                                                 &checkSqlEndpointTimeout, problems);
    s.historyRetentionDays = loadInt(settings, kHistoryDays, s.historyRetentionDays, &checkHistoryRetention, problems);
    s.historySizeCapMiB = loadInt(settings, kHistoryMiB, s.historySizeCapMiB, &checkHistorySizeCap, problems);
    s.sinceLastLookedAtStart = settings.value(kSummaryAtStart, s.sinceLastLookedAtStart).toBool();
    s.lastSignInMethod = loadString(settings, kMethod, {}, [](const QString &key) {
        if (key.isEmpty())
            return QString();
        const auto kinds = CredentialFactory::kinds();
        for (Credential::Kind kind : kinds)
            if (CredentialFactory::key(kind) == key)
                return QString();
        return tr("\"%1\" is not a sign-in method.").arg(textExcerpt(key));
    }, problems);
    s.lastAccount = loadString(settings, kAccount, {}, {}, problems);
    s.lastServicePrincipalId = loadString(settings, kSpId, {}, &checkClientId, problems);
    s.lastServicePrincipalTenant = loadString(settings, kSpTenant, {}, [](const QString &t) {
        return t.isEmpty() ? QString() : checkTenant(t);
    }, problems);
    return s;
}

void ConsoleSettings::save(QSettings &settings) const
{
    settings.setValue(kApiBaseUrl, apiBaseUrl.toString());
    settings.setValue(kAuthority, authority.toString());
    settings.setValue(kTenant, tenant);
    settings.setValue(kClientId, clientId);
    settings.setValue(kRefresh, refreshIntervalSeconds);
    settings.setValue(kTableLimit, tableLimit);
    settings.remove(kOldTableLimit);
    settings.setValue(kSqlEndpointTimeout, sqlEndpointRefreshTimeoutMinutes);
    settings.setValue(kMethod, lastSignInMethod);
    settings.setValue(kAccount, lastAccount);
    settings.setValue(kSpId, lastServicePrincipalId);
    settings.setValue(kSpTenant, lastServicePrincipalTenant);
    settings.setValue(kHistoryDays, historyRetentionDays);
    settings.setValue(kHistoryMiB, historySizeCapMiB);
    settings.setValue(kSummaryAtStart, sinceLastLookedAtStart);
}

} // namespace fmc
