// fmc-bench-cli: the wall time of `fmc status WS/DB --output json` against fabric-sandbox, as a
// ratio to curl making the token and status requests in the same run (target <= 3), and the
// absolute median for the README. fmc also resolves the names (list workspaces, list mirrored
// databases); curl is given the ids. The sandbox runs as its own process so that neither side
// shares an event loop with the other.

#include "tests/benchmarks/benchreport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <optional>

namespace {

struct Sandbox {
    QString url, tenant, clientId, secret;
};

QByteArray run(const QString &program, const QStringList &args, const QProcessEnvironment &env, int *exitCode)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    p.waitForFinished(60000);
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput();
}

std::optional<Sandbox> startSandbox(QProcess &process)
{
    process.start(QStringLiteral(FMC_SANDBOX_BIN), {QStringLiteral("--port"), QStringLiteral("0")});
    QByteArray banner;
    QElapsedTimer t;
    t.start();
    while (!banner.contains("admin endpoint") && t.elapsed() < 20000 && process.waitForReadyRead(1000))
        banner += process.readAllStandardOutput();
    const auto value = [&banner](const char *key) {
        const auto m = QRegularExpression(QStringLiteral("^%1 (\\S+)$").arg(QLatin1String(key)),
                                          QRegularExpression::MultilineOption)
                           .match(QString::fromUtf8(banner));
        return m.hasMatch() ? m.captured(1) : QString();
    };
    Sandbox s{QStringLiteral("http://127.0.0.1:") + value("port"), value("tenant"), value("client id"), value("client secret")};
    if (value("port").isEmpty() || s.tenant.isEmpty())
        return std::nullopt;
    return s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int repeats = qMax(3, qEnvironmentVariableIntValue("FMC_BENCH_REPEATS") ? qEnvironmentVariableIntValue("FMC_BENCH_REPEATS") : 15);
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (curl.isEmpty()) {
        std::fprintf(stderr, "fmc-bench-cli: curl is not installed\n");
        return 1;
    }
    QProcess sandboxProcess;
    const auto sandbox = startSandbox(sandboxProcess);
    if (!sandbox) {
        std::fprintf(stderr, "fmc-bench-cli: fabric-sandbox did not start\n");
        return 1;
    }
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("FABRIC_TOKEN"));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("AZURE_TENANT_ID"), sandbox->tenant);
    env.insert(QStringLiteral("AZURE_CLIENT_ID"), sandbox->clientId);
    env.insert(QStringLiteral("AZURE_CLIENT_SECRET"), sandbox->secret);
    env.insert(QStringLiteral("AZURE_AUTHORITY_HOST"), sandbox->url);
    const QString api = sandbox->url + QStringLiteral("/v1");
    const QStringList fmcArgs{QStringLiteral("--api-url"), api, QStringLiteral("status"),
                              QStringLiteral("Sales Analytics/SalesMirror"), QStringLiteral("--output"), QStringLiteral("json")};

    // The ids curl is given (fmc finds them by name).
    int code = 0;
    const QJsonObject first = QJsonDocument::fromJson(run(QStringLiteral(FMC_CLI_BIN), fmcArgs, env, &code)).object();
    const QString ws = first.value(QStringLiteral("workspaceId")).toString();
    const QString db = first.value(QStringLiteral("id")).toString();
    if (code != 0 || ws.isEmpty()) {
        std::fprintf(stderr, "fmc-bench-cli: fmc status failed (exit %d)\n", code);
        return 1;
    }
    const QString tokenUrl = sandbox->url + QStringLiteral("/%1/oauth2/v2.0/token").arg(sandbox->tenant);
    const QString statusUrl = api + QStringLiteral("/workspaces/%1/mirroredDatabases/%2/getMirroringStatus").arg(ws, db);

    std::vector<double> fmcMs, curlMs;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer t;
        t.start();
        run(QStringLiteral(FMC_CLI_BIN), fmcArgs, env, &code);
        fmcMs.push_back(double(t.nsecsElapsed()) / 1e6);
        if (code != 0)
            return 1;

        t.restart();
        const QByteArray token = QJsonDocument::fromJson(
            run(curl, {QStringLiteral("-sS"), tokenUrl, QStringLiteral("-d"), QStringLiteral("grant_type=client_credentials"),
                       QStringLiteral("-d"), QStringLiteral("client_id=") + sandbox->clientId, QStringLiteral("--data-urlencode"),
                       QStringLiteral("client_secret=") + sandbox->secret, QStringLiteral("-d"),
                       QStringLiteral("scope=https://api.fabric.microsoft.com/.default")},
                env, &code)).object().value(QStringLiteral("access_token")).toString().toUtf8();
        const QByteArray status = run(curl, {QStringLiteral("-sS"), QStringLiteral("-X"), QStringLiteral("POST"),
                                             QStringLiteral("-H"), QStringLiteral("Authorization: Bearer ") + QString::fromUtf8(token),
                                             statusUrl},
                                      env, &code);
        curlMs.push_back(double(t.nsecsElapsed()) / 1e6);
        if (token.isEmpty() || !status.contains("status"))
            return 1;
    }
    const double fmcMedian = fmc::bench::median(fmcMs);
    const double curlMedian = fmc::bench::median(curlMs);
    fmc::bench::report("cli_status_json_vs_curl", fmcMedian / curlMedian, "ratio", "<=", 3);
    fmc::bench::report("cli_status_json_median", fmcMedian, "ms", "<=", 1000);
    fmc::bench::report("cli_curl_token_and_status_median", curlMedian, "ms", "<=", 1000);
    sandboxProcess.terminate();
    sandboxProcess.waitForFinished(5000);
    return 0;
}
