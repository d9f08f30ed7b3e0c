#include "app/cli/clirunner.h"

#include "fmc_version.h"

#include <QCoreApplication>

// fmc: the console's core on the command line (no widgets, no display needed).
int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The console's names, so that fmc reads the console's settings and keychain entries.
    QCoreApplication::setOrganizationName(QStringLiteral("FabricMirroringConsole"));
    QCoreApplication::setApplicationName(QStringLiteral("fabric-mirroring-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FMC_VERSION));
    fmc::cli::CliRunner runner;
    QObject::connect(&runner, &fmc::cli::CliRunner::finished, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    const int code = runner.start(QCoreApplication::arguments());
    if (code >= 0)
        return code;
    return QCoreApplication::exec();
}
