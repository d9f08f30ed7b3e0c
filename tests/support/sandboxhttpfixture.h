#pragma once

// Base of the tst_sandbox* test classes: an in-process Sandbox (no auth), a client for it, and
// the demo tenant's workspaces and mirrors by name.

#include "models/json.h"
#include "sandbox/sandbox.h"
#include "tests/support/sandboxhttpclient.h"

#include <QObject>

#include <memory>

namespace fmc::test {

class SandboxHttpFixture : public QObject
{
protected:
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<SandboxHttpClient> m_http;

    void start(sandbox::SandboxOptions options = {});
    void stop();
    QString workspaceId(const QString &name) const;
    //! "/v1/workspaces/{ws}/mirroredDatabases/{id}" of a demo mirror, by names.
    QString mirrorPath(const QString &workspace, const QString &mirror) const;
    QString mirrorStatus(const QString &path);

    //! A mirroring.json document as the service takes it, Base64 in a definition part.
    static Json definitionWith(const QByteArray &mirroringJson);
    //! An Azure SQL mirroring.json for \a database, with \a mountedTablesJson if given.
    static QByteArray sqlMirroringJson(const QString &database = QStringLiteral("sales"),
                                       const QString &mountedTablesJson = {});
};

} // namespace fmc::test
