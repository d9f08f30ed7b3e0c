#pragma once

// Base of the tst_cli_* suites: an in-process fabric-sandbox that requires sign-in, a temporary
// home (no console settings, no keychain entries of the developer's), and fmc run as a separate
// process against it, as a script or a scheduler runs it.

#include "models/json.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandboxoptions.h"
#include "tests/support/temporaryhome.h"

#include <QByteArray>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <memory>

namespace fmc::test {

//! One run of fmc: its exit code and what it wrote.
struct CliRun {
    bool finished = false; //!< false: killed after the timeout
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    //! stdout parsed as JSON (a null Json when it is not JSON).
    Json json() const;
    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
};

class CliFixture : public QObject
{
protected:
    //! A well-formed connection id for definitions (the sandbox's connections have other ids).
    static inline const QString kConnectionId = QStringLiteral("11111111-2222-4333-8444-555555555555");
    //! The bytes of \a path, empty when it cannot be read.
    static QByteArray readFile(const QString &path);

    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    TemporaryHome m_home;

    //! Starts the sandbox (sign-in required, as the service does).
    void startSandbox(sandbox::SandboxOptions options = {});
    //! \brief fmc's environment: the sandbox's service principal in AZURE_* (the
    //! EnvironmentCredential path), the temporary home, no FABRIC_TOKEN and no session bus (so
    //! no keychain; tst_cli_signin adds one of its own).
    QProcessEnvironment environment() const;
    //! \brief Runs `fmc --api-url <sandbox>/v1 ARGS…` with \a env (environment() when empty)
    //! and \a stdinData, while this process's event loop serves the sandbox.
    CliRun fmc(const QStringList &args, QProcessEnvironment env = {}, const QByteArray &stdinData = {},
               int timeoutMs = 20000);
    //! The path fmc was built at.
    static QString fmcPath();

    QString workspaceId(const QString &name) const;
    QString mirrorId(const QString &workspace, const QString &mirror) const;
    QString mirrorStatus(const QString &workspace, const QString &mirror) const;
    //! API requests the sandbox saw for \a operationId (spec operation name) since the last clear.
    int requestsFor(const QString &operationId) const;
};

} // namespace fmc::test
