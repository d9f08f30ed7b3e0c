#include "app/commandline.h"
#include "ui/aboutdialog.h"
#include "ui/mainwindow.h"

#include <QApplication>
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

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Fabric Mirroring Console"));
    QApplication::setDesktopFileName(QStringLiteral("fabric-mirroring-console"));
    QApplication::setWindowIcon(fmc::AboutDialog::applicationIcon());

    fmc::MainWindow window;
    window.show();
    return QApplication::exec();
}
