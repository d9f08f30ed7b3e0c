#include "app/api/fabricclient.h"
#include "app/auth/clientsecretcredential.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/commandline.h"
#include "app/workspacebrowser.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/sandbox.h"
#include "ui/aboutdialog.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("fabric-mirroring-console"));
    QCoreApplication::setOrganizationName(QStringLiteral("FabricMirroringConsole"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FMC_VERSION));

    // The command line is read before QApplication exists, so that --help, --version and bad
    // options answer on a machine without a display (packaging checks, ssh sessions).
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const fmc::CommandLineResult cli = fmc::parseConsoleCommandLine(arguments);
    switch (cli.action) {
    case fmc::CommandLineResult::Action::ShowHelp:
        QTextStream(stdout) << cli.helpText;
        return 0;
    case fmc::CommandLineResult::Action::ShowVersion:
        QTextStream(stdout) << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion()
                            << '\n';
        return 0;
    case fmc::CommandLineResult::Action::Error:
        QTextStream(stderr) << "fabric-mirroring-console: " << cli.errorText << '\n';
        return 2;
    case fmc::CommandLineResult::Action::Run:
        break;
    }

    // Request-by-request logging only with --verbose (tokens are redacted either way).
    if (!cli.options.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("fmc.*.debug=false"));
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Fabric Mirroring Console"));
    QApplication::setDesktopFileName(QStringLiteral("fabric-mirroring-console"));
    QApplication::setWindowIcon(fmc::AboutDialog::applicationIcon());

    fmc::MainWindow window;
    window.show();

    // --sandbox: a fabric-sandbox with demo data in this process on a free loopback port, signed
    // in with its service principal, so a newcomer sees a working console in one command.
    std::unique_ptr<fmc::sandbox::Sandbox> sandbox;
    fmc::SecretStore secrets;
    fmc::TokenSession session(&secrets);
    std::unique_ptr<fmc::FabricClient> client;
    std::unique_ptr<fmc::WorkspaceBrowser> browser;
    if (cli.options.sandbox) {
        sandbox = std::make_unique<fmc::sandbox::Sandbox>();
        if (sandbox->listen() == 0) {
            QTextStream(stderr) << "fabric-mirroring-console: could not start the sandbox on 127.0.0.1\n";
            return 1;
        }
        secrets.setKeychainEnabled(false); // the sandbox's demo secret never goes to the keychain
        fmc::AuthConfig auth;
        auth.authority = sandbox->serverUrl();
        auth.tenant = sandbox->entra()->tenantId();
        auth.clientId = fmc::sandbox::EntraEmulator::defaultClientId();
        session.setCredential(
            new fmc::ClientSecretCredential(auth, fmc::sandbox::EntraEmulator::defaultClientSecret()));

        fmc::FabricClient::Config config;
        QUrl api = sandbox->serverUrl();
        api.setPath(QStringLiteral("/v1"));
        config.apiBaseUrl = api;
        client = std::make_unique<fmc::FabricClient>(config, &session);
        browser = std::make_unique<fmc::WorkspaceBrowser>(client.get());
        window.setBrowser(browser.get());
        QObject::connect(&session, &fmc::TokenSession::stateChanged, &window,
                         [&, api](fmc::TokenSession::State state) {
                             if (state != fmc::TokenSession::State::SignedIn)
                                 return;
                             window.setSignedIn(session.identity().label(), api.toString());
                             browser->reloadWorkspaces();
                         });
        session.signIn();
    }
    return QApplication::exec();
}
