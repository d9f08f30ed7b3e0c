#include "app/commandline.h"
#include "app/main/consolecontroller.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/sandbox.h"
#include "ui/aboutdialog.h"

#include "fmc_version.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QSettings>
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

    QSettings settings;
    fmc::ConsoleController console(&settings);
    console.setCommandLine(cli.options);

    // --sandbox: a fabric-sandbox with demo data in this process on a free loopback port, signed
    // in with its service principal, so a newcomer sees a working console in one command. It is
    // started here because only the executable links the emulator.
    std::unique_ptr<fmc::sandbox::Sandbox> sandbox;
    if (cli.options.sandbox) {
        sandbox = std::make_unique<fmc::sandbox::Sandbox>();
        if (sandbox->listen() == 0) {
            QTextStream(stderr) << "fabric-mirroring-console: could not start the sandbox on 127.0.0.1\n";
            return 1;
        }
        fmc::ConsoleController::SandboxEndpoints endpoints;
        endpoints.apiBaseUrl = sandbox->serverUrl().resolved(QUrl(QStringLiteral("/v1")));
        endpoints.auth.authority = sandbox->serverUrl();
        endpoints.auth.tenant = sandbox->entra()->tenantId();
        endpoints.auth.clientId = fmc::sandbox::EntraEmulator::defaultPublicClientId();
        endpoints.auth.speed = sandbox->options().speed;
        endpoints.servicePrincipalId = fmc::sandbox::EntraEmulator::defaultClientId();
        endpoints.servicePrincipalSecret = fmc::sandbox::EntraEmulator::defaultClientSecret();
        console.useSandbox(endpoints);
    }
    console.setManagesApplicationLifetime(true);
    console.start();
    return QApplication::exec();
}
