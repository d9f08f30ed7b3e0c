// fabric-sandbox: a local emulator of the Fabric mirroring REST API and of Entra ID sign-in.
#include "models/json.h"
#include "sandbox/faultrule.h"
#include "sandbox/sandbox.h"
#include "fmc_version.h"

#include "sandbox/entra/entraemulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace fmc;
using namespace fmc::sandbox;

namespace {

//! A --fault value: either JSON (as the admin endpoint takes) or key=value pairs separated by
//! commas, e.g. "status=429,operation=getTablesMirroringStatus,count=3,retryAfter=5".
std::optional<FaultRule> parseFault(const QString &spec, QString *error)
{
    if (spec.trimmed().startsWith(u'{')) {
        const auto json = parseJson(spec.toUtf8(), error);
        return json ? FaultRule::fromJson(*json, error) : std::nullopt;
    }
    static const QStringList textKeys{QStringLiteral("kind"),       QStringLiteral("operation"),
                                      QStringLiteral("path"),       QStringLiteral("method"),
                                      QStringLiteral("errorCode"),  QStringLiteral("message"),
                                      QStringLiteral("retryAfter"), QStringLiteral("foreignBaseUrl")};
    Json json = Json::object();
    for (const QString &pair : spec.split(u',', Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(u'=');
        const QString key = pair.left(eq).trimmed();
        const QString value = eq < 0 ? QString() : pair.mid(eq + 1).trimmed();
        if (eq < 0) {
            json["kind"] = toStdString(key); // "stall", "drop", ...
            continue;
        }
        bool number = false;
        const double numeric = value.toDouble(&number);
        if (number && !textKeys.contains(key))
            json[toStdString(key)] = numeric == qint64(numeric) ? Json(qint64(numeric)) : Json(numeric);
        else
            json[toStdString(key)] = toStdString(value);
    }
    if (!json.contains("kind") && json.contains("latencyMs"))
        json["kind"] = "latency";
    return FaultRule::fromJson(json, error);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fabric-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FMC_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Local emulator of the Microsoft Fabric mirroring REST API and Entra ID."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("TCP port; 0 picks a free one (printed)."), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Address to listen on."), QStringLiteral("ADDRESS"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of ids, catalogues and random choices."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption speed(QStringLiteral("speed"), QStringLiteral("Sandbox seconds per real second."), QStringLiteral("X"), QStringLiteral("1"));
    const QCommandLineOption state(QStringLiteral("state"), QStringLiteral("Load and save the tenant in this JSON file."), QStringLiteral("FILE"));
    const QCommandLineOption scale(QStringLiteral("scale"), QStringLiteral("Add N generated workspaces, each with a running mirror; every tenth also a mirrored catalog, Databricks catalog or SQL database."), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption scaleMirrors(QStringLiteral("scale-mirrors"), QStringLiteral("Of the --scale workspaces, M (spread evenly) have a mirror (every tenth of them one of another type too); default: all."), QStringLiteral("M"), QStringLiteral("-1"));
    const QCommandLineOption pageSize(QStringLiteral("page-size"), QStringLiteral("Items per page."), QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption lro(QStringLiteral("lro"), QStringLiteral("getDefinition, updateDefinition and the generic item create answer 202: always, never or random."), QStringLiteral("MODE"), QStringLiteral("random"));
    const QCommandLineOption lroRetry(QStringLiteral("lro-retry-after"), QStringLiteral("Retry-After seconds on 202 and running operations."), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption tableLimit(QStringLiteral("table-limit"), QStringLiteral("Tables mirror-all takes at most."), QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption lifetime(QStringLiteral("token-lifetime"), QStringLiteral("Access token lifetime in seconds."), QStringLiteral("S"), QStringLiteral("3600"));
    const QCommandLineOption fault(QStringLiteral("fault"), QStringLiteral("Inject a fault (JSON or key=value,... ; repeatable)."), QStringLiteral("SPEC"));
    const QCommandLineOption publicUrl(QStringLiteral("public-url"), QStringLiteral("Base URL for Location and continuationUri."), QStringLiteral("URL"));
    const QCommandLineOption catalogSearch(QStringLiteral("catalog-search"), QStringLiteral("POST /catalog/search: on, or refused with 403 or 404 (the preview not enabled)."), QStringLiteral("on|403|404"), QStringLiteral("on"));
    const QCommandLineOption noDemo(QStringLiteral("no-demo"), QStringLiteral("Start with an empty tenant."));
    const QCommandLineOption noAuth(QStringLiteral("no-auth"), QStringLiteral("Serve /v1 without bearer tokens."));
    const QCommandLineOption paused(QStringLiteral("paused"), QStringLiteral("Start with the clock paused (POST /_sandbox/clock/resume starts it)."));
    for (const auto &option : {port, host, seed, speed, state, scale, pageSize, lro, lroRetry, tableLimit, lifetime,
                               fault, publicUrl, noDemo, noAuth, paused, catalogSearch, scaleMirrors})
        parser.addOption(option);
    parser.process(app);

    QTextStream err(stderr);
    auto number = [&](const QCommandLineOption &option, double min) {
        bool ok = false;
        const double value = parser.value(option).toDouble(&ok);
        if (!ok || value < min) {
            err << "fabric-sandbox: --" << option.names().first() << " needs a number >= " << min << Qt::endl;
            std::exit(2);
        }
        return value;
    };
    SandboxOptions options;
    options.seed = quint32(number(seed, 0));
    options.speed = number(speed, 0.001);
    options.stateFile = parser.value(state);
    options.scaleWorkspaces = int(number(scale, 0));
    options.scaleMirrors = int(number(scaleMirrors, -1));
    options.pageSize = int(number(pageSize, 1));
    options.lroRetryAfterSeconds = int(number(lroRetry, 0));
    options.tableLimit = int(number(tableLimit, 1));
    options.tokenLifetimeSeconds = int(number(lifetime, 1));
    options.demoData = !parser.isSet(noDemo);
    options.requireAuth = !parser.isSet(noAuth);
    options.startPaused = parser.isSet(paused);
    options.publicBaseUrl = QUrl(parser.value(publicUrl));
    if (const QString search = parser.value(catalogSearch); search == QLatin1String("403") || search == QLatin1String("404"))
        options.catalogSearchRefusal = search.toInt();
    else if (search != QLatin1String("on")) {
        err << "fabric-sandbox: --catalog-search is on, 403 or 404" << Qt::endl;
        return 2;
    }
    const QString lroMode = parser.value(lro);
    if (lroMode == QLatin1String("always"))
        options.lroMode = LroMode::Always;
    else if (lroMode == QLatin1String("never"))
        options.lroMode = LroMode::Never;
    else if (lroMode != QLatin1String("random")) {
        err << "fabric-sandbox: --lro is always, never or random" << Qt::endl;
        return 2;
    }

    Sandbox sandbox(options);
    for (const QString &spec : parser.values(fault)) {
        QString why;
        const auto rule = parseFault(spec, &why);
        if (!rule) {
            err << "fabric-sandbox: bad --fault '" << spec << "': " << why << Qt::endl;
            return 2;
        }
        sandbox.addFault(*rule);
    }
    const QHostAddress address(parser.value(host));
    if (address.isNull() || !sandbox.listen(address, quint16(number(port, 0)))) {
        err << "fabric-sandbox: cannot listen on " << parser.value(host) << ":" << parser.value(port) << Qt::endl;
        return 1;
    }

    const QString url = sandbox.serverUrl().toString();
    QTextStream out(stdout);
    out << "fabric-sandbox listening on " << url << Qt::endl;
    out << "port " << sandbox.serverUrl().port() << Qt::endl;
    const QString tenant = sandbox.entra()->tenantId();
    out << "tenant " << tenant << Qt::endl;
    out << "client id " << EntraEmulator::defaultClientId() << Qt::endl;
    out << "client secret " << EntraEmulator::defaultClientSecret() << Qt::endl;
    out << "get a token and list workspaces:" << Qt::endl;
    out << "  TOKEN=$(curl -s " << url << "/" << tenant << "/oauth2/v2.0/token -d grant_type=client_credentials"
        << " -d client_id=" << EntraEmulator::defaultClientId() << " -d client_secret=" << EntraEmulator::defaultClientSecret()
        << " -d scope=https://api.fabric.microsoft.com/.default | jq -r .access_token)" << Qt::endl;
    out << "  curl -s -H \"Authorization: Bearer $TOKEN\" " << url << "/v1/workspaces" << Qt::endl;
    out << "admin endpoint: " << url << "/_sandbox/" << Qt::endl;
    if (options.startPaused)
        out << "clock paused: curl -s -X POST " << url << "/_sandbox/clock/resume" << Qt::endl;
    return QCoreApplication::exec();
}
