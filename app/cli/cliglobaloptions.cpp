#include "app/cli/cliglobaloptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace fmc::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("fmc::cli", text);
}

std::optional<QUrl> httpUrl(const QString &text, const QString &option, QString *error)
{
    if (text.isEmpty())
        return QUrl();
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"https" && url.scheme() != u"http")) {
        *error = tr("--%1 needs an http(s) URL with a host, not '%2'.").arg(option, text);
        return std::nullopt;
    }
    return url;
}

} // namespace

QStringList CliGlobalOptions::signInMethods()
{
    return {QStringLiteral("auto"), QStringLiteral("token"), QStringLiteral("environment"),
            QStringLiteral("service-principal"), QStringLiteral("azure-cli"), QStringLiteral("device-code")};
}

QStringList CliGlobalOptions::valueOptionNames()
{
    return {QStringLiteral("output"), QStringLiteral("api-url"), QStringLiteral("profile"),
            QStringLiteral("sign-in"), QStringLiteral("authority"), QStringLiteral("tenant"),
            QStringLiteral("client-id")};
}

void CliGlobalOptions::addTo(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("output"), tr("Output format: table (default) or json."), QStringLiteral("FORMAT"),
                      QStringLiteral("table")});
    parser.addOption({QStringLiteral("api-url"), tr("Fabric API base URL (default: the profile's)."), QStringLiteral("URL")});
    parser.addOption({QStringLiteral("profile"), tr("Named profile to use (default: the console's settings)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("verbose"), tr("Log each HTTP exchange to stderr (secrets redacted).")});
    parser.addOption({QStringLiteral("sign-in"),
                      tr("How to sign in: auto (default), token, environment, service-principal, azure-cli, "
                         "device-code."),
                      QStringLiteral("METHOD"), QStringLiteral("auto")});
    parser.addOption({QStringLiteral("authority"), tr("Entra ID authority URL (default: the profile's)."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("tenant"), tr("Entra ID tenant (default: the profile's)."), QStringLiteral("TENANT")});
    parser.addOption({QStringLiteral("client-id"),
                      tr("App registration, or the service principal's client id (default: the profile's)."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("token-stdin"), tr("Read a bearer token from standard input.")});
}

std::optional<CliGlobalOptions> CliGlobalOptions::from(const QCommandLineParser &parser, QString *error)
{
    CliGlobalOptions options;
    const QString output = parser.value(QStringLiteral("output")).toLower();
    if (output == u"json") {
        options.output = CliOutput::Format::Json;
    } else if (output != u"table") {
        *error = tr("--output is table or json, not '%1'.").arg(parser.value(QStringLiteral("output")));
        return std::nullopt;
    }
    const auto api = httpUrl(parser.value(QStringLiteral("api-url")), QStringLiteral("api-url"), error);
    const auto authority = api ? httpUrl(parser.value(QStringLiteral("authority")), QStringLiteral("authority"), error)
                               : std::nullopt;
    if (!api || !authority)
        return std::nullopt;
    options.apiUrl = *api;
    options.authority = *authority;
    options.profile = parser.value(QStringLiteral("profile"));
    options.verbose = parser.isSet(QStringLiteral("verbose"));
    options.signIn = parser.value(QStringLiteral("sign-in")).toLower();
    if (!signInMethods().contains(options.signIn)) {
        *error = tr("--sign-in is one of %1, not '%2'.")
                     .arg(signInMethods().join(QStringLiteral(", ")), parser.value(QStringLiteral("sign-in")));
        return std::nullopt;
    }
    options.tenant = parser.value(QStringLiteral("tenant"));
    options.clientId = parser.value(QStringLiteral("client-id"));
    options.tokenFromStdin = parser.isSet(QStringLiteral("token-stdin"));
    return options;
}

} // namespace fmc::cli
