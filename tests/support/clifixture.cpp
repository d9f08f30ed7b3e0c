#include "tests/support/clifixture.h"

#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"

#include <QFile>
#include <QProcess>
#include <QTest>

namespace fmc::test {

Json CliRun::json() const
{
    QString error;
    const auto parsed = parseJson(out, &error);
    return parsed ? *parsed : Json();
}

QByteArray CliFixture::readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString CliFixture::fmcPath()
{
    return QStringLiteral(FMC_CLI_BIN);
}

void CliFixture::startSandbox(sandbox::SandboxOptions options)
{
    options.requireAuth = true;
    m_sandbox = std::make_unique<sandbox::Sandbox>(options);
    QVERIFY(m_sandbox->listen(QHostAddress::LocalHost, 0));
    QVERIFY(m_home.isValid());
}

QProcessEnvironment CliFixture::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"FABRIC_TOKEN", "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET",
                             "AZURE_AUTHORITY_HOST", "DBUS_SESSION_BUS_ADDRESS", "QT_LOGGING_RULES",
                             "XDG_RUNTIME_DIR"}) // GDBus finds the session bus, so a keychain, there too
        env.remove(QString::fromLatin1(name));
    m_home.addTo(env);
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("AZURE_TENANT_ID"), m_sandbox->entra()->tenantId());
    env.insert(QStringLiteral("AZURE_CLIENT_ID"), sandbox::EntraEmulator::defaultClientId());
    env.insert(QStringLiteral("AZURE_CLIENT_SECRET"), sandbox::EntraEmulator::defaultClientSecret());
    env.insert(QStringLiteral("AZURE_AUTHORITY_HOST"), m_sandbox->serverUrl().toString());
    return env;
}

CliRun CliFixture::fmc(const QStringList &args, QProcessEnvironment env, const QByteArray &stdinData, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(env.isEmpty() ? environment() : env);
    const QString api = m_sandbox->serverUrl().resolved(QUrl(QStringLiteral("/v1"))).toString();
    process.start(fmcPath(), QStringList{QStringLiteral("--api-url"), api} + args);
    CliRun run;
    if (!process.waitForStarted(5000))
        return run;
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    // The sandbox lives in this process: spin the event loop while fmc talks to it.
    run.finished = QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, timeoutMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(2000);
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QString CliFixture::workspaceId(const QString &name) const
{
    for (const auto &ws : m_sandbox->state()->workspaces())
        if (ws.displayName == name)
            return ws.id;
    return {};
}

QString CliFixture::mirrorId(const QString &workspace, const QString &mirror) const
{
    for (auto *m : m_sandbox->state()->mirrors(workspaceId(workspace)))
        if (m->displayName == mirror)
            return m->id;
    return {};
}

QString CliFixture::mirrorStatus(const QString &workspace, const QString &mirror) const
{
    const QString ws = workspaceId(workspace);
    auto *m = m_sandbox->state()->mirror(ws, mirrorId(workspace, mirror));
    if (!m)
        return {};
    m_sandbox->state()->settle(m);
    return m->status;
}

int CliFixture::requestsFor(const QString &operationId) const
{
    int n = 0;
    for (const auto &entry : m_sandbox->requestLog())
        if (entry.operationId.compare(operationId, Qt::CaseInsensitive) == 0)
            ++n;
    return n;
}

} // namespace fmc::test
