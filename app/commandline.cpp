#include "commandline.h"

#include "app/settings/consolesettings.h"

#include <QCommandLineParser>

namespace fmc {

namespace {

bool parseUrlOption(const QCommandLineParser &parser, const QCommandLineOption &option, QUrl *out,
                    QString *error)
{
    if (!parser.isSet(option))
        return true;
    const QString text = parser.value(option).trimmed();
    const QUrl url = QUrl::fromUserInput(text);
    if (text.isEmpty() || !url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        *error = QStringLiteral("--%1: \"%2\" is not an http(s) URL.").arg(option.names().constFirst(), text);
        return false;
    }
    // The same rule as the settings dialog: a token must never travel in clear text off this machine.
    const QString why = ConsoleSettings::checkEndpointUrl(url, QStringLiteral("--%1").arg(option.names().constFirst()));
    if (!why.isEmpty()) {
        *error = why;
        return false;
    }
    *out = url;
    return true;
}

} // namespace

CommandLineResult parseConsoleCommandLine(const QStringList &arguments)
{
    CommandLineResult result;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Administer Microsoft Fabric mirrored databases, author their mirroring.json "
                       "definitions and watch replication live."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption sandboxOption(
        QStringLiteral("sandbox"),
        QStringLiteral("Start a local fabric-sandbox with demo data and sign in to it (no Fabric tenant needed)."));
    const QCommandLineOption dashboardOption(
        QStringLiteral("dashboard"),
        QStringLiteral("Open the live dashboard for WORKSPACE/DATABASE (names or ids), or 'all'."),
        QStringLiteral("WORKSPACE/DATABASE"));
    const QCommandLineOption apiOption(QStringLiteral("api-url"),
                                       QStringLiteral("Fabric API base URL (default https://api.fabric.microsoft.com/v1)."),
                                       QStringLiteral("URL"));
    const QCommandLineOption authorityOption(
        QStringLiteral("authority"),
        QStringLiteral("Entra ID authority (default https://login.microsoftonline.com)."), QStringLiteral("URL"));
    const QCommandLineOption tenantOption(QStringLiteral("tenant"), QStringLiteral("Entra ID tenant id or domain."),
                                          QStringLiteral("TENANT"));
    const QCommandLineOption clientOption(QStringLiteral("client-id"),
                                          QStringLiteral("Entra ID application (client) id used to sign in."),
                                          QStringLiteral("GUID"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"),
                                           QStringLiteral("Log requests and responses (tokens are always redacted)."));
    const QCommandLineOption backgroundOption(
        QStringLiteral("background"),
        QStringLiteral("Start in the system tray, watching the mirrored databases chosen in File > Background watch "
                       "(the login autostart entry uses this)."));
    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        QStringLiteral("Start with the profile NAME (its name, label or id; File > Profiles lists them)."),
        QStringLiteral("NAME"));
    parser.addOptions({sandboxOption, dashboardOption, apiOption, authorityOption, tenantOption, clientOption,
                       verboseOption, backgroundOption});
    parser.addOption(profileOption);
    // Parsed before any QCoreApplication exists, so Qt cannot name the executable itself.
    result.helpText = parser.helpText().replace(QLatin1String("<executable_name>"),
                                                QLatin1String("fabric-mirroring-console"));

    if (!parser.parse(arguments)) {
        result.action = CommandLineResult::Action::Error;
        result.errorText = parser.errorText();
        return result;
    }
    // addHelpOption() also adds --help-all (Qt's own options too); both print help.
    if (parser.isSet(helpOption) || parser.isSet(QStringLiteral("help-all"))) {
        result.action = CommandLineResult::Action::ShowHelp;
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.action = CommandLineResult::Action::ShowVersion;
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.action = CommandLineResult::Action::Error;
        result.errorText = QStringLiteral("Unexpected argument \"%1\"; see --help.")
                               .arg(parser.positionalArguments().constFirst());
        return result;
    }

    ConsoleOptions &o = result.options;
    o.sandbox = parser.isSet(sandboxOption);
    o.verbose = parser.isSet(verboseOption);
    o.background = parser.isSet(backgroundOption);
    o.tenant = parser.value(tenantOption).trimmed();
    o.clientId = parser.value(clientOption).trimmed();
    if (parser.isSet(profileOption)) {
        o.profile = parser.value(profileOption).trimmed();
        if (o.profile.isEmpty()) {
            result.action = CommandLineResult::Action::Error;
            result.errorText = QStringLiteral("--profile expects the name, label or id of a profile.");
            return result;
        }
    }
    if (parser.isSet(dashboardOption)) {
        o.dashboard = parser.value(dashboardOption).trimmed();
        const bool all = o.dashboard.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0;
        const auto parts = o.dashboard.split(QLatin1Char('/'));
        if (!all && (parts.size() != 2 || parts.at(0).trimmed().isEmpty() || parts.at(1).trimmed().isEmpty())) {
            result.action = CommandLineResult::Action::Error;
            result.errorText = QStringLiteral("--dashboard expects WORKSPACE/DATABASE or 'all', not \"%1\".")
                                   .arg(o.dashboard);
            return result;
        }
    }
    if (!parseUrlOption(parser, apiOption, &o.apiBaseUrl, &result.errorText)
        || !parseUrlOption(parser, authorityOption, &o.authority, &result.errorText)) {
        result.action = CommandLineResult::Action::Error;
        return result;
    }
    return result;
}

} // namespace fmc
