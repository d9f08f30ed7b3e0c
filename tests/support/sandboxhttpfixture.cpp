#include "tests/support/sandboxhttpfixture.h"

#include "sandbox/fabricstate.h"

#include <QTest>

namespace fmc::test {

void SandboxHttpFixture::start(sandbox::SandboxOptions options)
{
    options.requireAuth = false;
    m_http.reset();
    m_sandbox = std::make_unique<sandbox::Sandbox>(options);
    QVERIFY(m_sandbox->listen(QHostAddress::LocalHost, 0));
    m_http = std::make_unique<SandboxHttpClient>(m_sandbox.get());
}

void SandboxHttpFixture::stop()
{
    m_http.reset();
    m_sandbox.reset();
}

QString SandboxHttpFixture::workspaceId(const QString &name) const
{
    for (const auto &ws : m_sandbox->state()->workspaces())
        if (ws.displayName == name)
            return ws.id;
    return {};
}

QString SandboxHttpFixture::mirrorPath(const QString &workspace, const QString &mirror) const
{
    const QString ws = workspaceId(workspace);
    for (auto *m : m_sandbox->state()->mirrors(ws))
        if (m->displayName == mirror)
            return QStringLiteral("/v1/workspaces/%1/mirroredDatabases/%2").arg(ws, m->id);
    return {};
}

QString SandboxHttpFixture::mirrorStatus(const QString &path)
{
    return toQString(m_http->post(path + "/getMirroringStatus").json().value("status", std::string()));
}

Json SandboxHttpFixture::definitionWith(const QByteArray &mirroringJson)
{
    return Json{{"parts", Json::array({Json{{"path", "mirroring.json"},
                                            {"payload", mirroringJson.toBase64().toStdString()},
                                            {"payloadType", "InlineBase64"}}})}};
}

QByteArray SandboxHttpFixture::sqlMirroringJson(const QString &database, const QString &mountedTablesJson)
{
    QByteArray json = R"({"properties":{"source":{"type":"AzureSqlDatabase","typeProperties":{"connection":"11111111-2222-4333-8444-555555555555","database":")"
                      + database.toUtf8() + R"("}},"target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta"}})";
    if (!mountedTablesJson.isEmpty())
        json += ",\"mountedTables\":" + mountedTablesJson.toUtf8();
    return json + "}}";
}

} // namespace fmc::test
