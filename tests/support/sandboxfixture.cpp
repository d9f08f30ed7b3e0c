#include "tests/support/sandboxfixture.h"

#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"

namespace fmc::test {

bool SandboxFixture::up(const sandbox::SandboxOptions &options)
{
    sandbox = std::make_unique<sandbox::Sandbox>(options);
    if (!sandbox->listen(QHostAddress::LocalHost) || !sandbox->listen(QHostAddress(QStringLiteral("127.0.0.2"))))
        return false;
    tokens = std::make_unique<SandboxTokenSource>(QUrl(
        sandbox->serverUrl().toString() + QStringLiteral("/%1/oauth2/v2.0/token").arg(sandbox->entra()->tenantId())));
    owner = std::make_unique<QObject>();
    client = makeClient();
    return true;
}

void SandboxFixture::down()
{
    owner.reset();
    tokens.reset();
    sandbox.reset();
    client = nullptr;
}

FabricClient::Config SandboxFixture::config(const QUrl &server) const
{
    FabricClient::Config c;
    c.apiBaseUrl = QUrl((server.isEmpty() ? sandbox->serverUrl() : server).toString() + QStringLiteral("/v1"));
    c.timeScale = 1.0 / sandbox->options().speed;
    c.seed = 1;
    return c;
}

FabricClient *SandboxFixture::makeClient(const std::function<void(FabricClient::Config &)> &tweak)
{
    FabricClient::Config c = config();
    if (tweak)
        tweak(c);
    return new FabricClient(c, tokens.get(), owner.get());
}

QList<sandbox::RequestLogEntry> SandboxFixture::apiLog() const
{
    QList<sandbox::RequestLogEntry> api;
    for (const sandbox::RequestLogEntry &e : sandbox->requestLog())
        if (e.pathAndQuery.startsWith(QLatin1String("/v1/")))
            api << e;
    return api;
}

QString SandboxFixture::workspaceWithMirrors() const
{
    QString best;
    qsizetype most = 0;
    for (const auto &ws : sandbox->state()->workspaces()) {
        const qsizetype n = sandbox->state()->mirrors(ws.id).size();
        if (n > most && sandbox->state()->workspaceActive(ws)) {
            most = n;
            best = ws.id;
        }
    }
    return best;
}

std::pair<QString, QString> SandboxFixture::salesMirror() const
{
    for (const auto &ws : sandbox->state()->workspaces())
        for (const sandbox::FabricState::Mirror *mirror : sandbox->state()->mirrors(ws.id))
            if (mirror->displayName == QLatin1String("SalesMirror"))
                return {ws.id, mirror->id};
    return {};
}

sandbox::FabricState::Mirror *SandboxFixture::mirrorNamed(const QString &workspace, const QString &mirror) const
{
    for (const auto &ws : sandbox->state()->workspaces())
        if (ws.displayName == workspace)
            for (sandbox::FabricState::Mirror *m : sandbox->state()->mirrors(ws.id))
                if (m->displayName == mirror)
                    return m;
    return nullptr;
}

WatchedDatabase SandboxFixture::watchedItem(const QString &workspace, const QString &name) const
{
    const QString ws = workspaceNamed(workspace);
    for (const auto &listed : sandbox->state()->mirrorItems().listed(ws))
        if (listed.displayName == name)
            return {ws, listed.id, listed.displayName, listed.type};
    if (const sandbox::FabricState::Mirror *mirror = mirrorNamed(workspace, name))
        return {ws, mirror->id, mirror->displayName};
    return {};
}

QString SandboxFixture::firstMirror(const QString &workspaceId) const
{
    return sandbox->state()->mirrors(workspaceId).first()->id;
}

QString SandboxFixture::workspaceNamed(const QString &name) const
{
    for (const auto &w : sandbox->state()->workspaces())
        if (w.displayName == name)
            return w.id;
    return {};
}

QString SandboxFixture::connectionNamed(const QString &name) const
{
    for (const auto &c : sandbox->state()->connections())
        if (c.displayName == name)
            return c.id;
    return {};
}

} // namespace fmc::test
