// fmc-screenshots: renders the console's windows to PNG files for the README and the AppStream
// metadata (docs/screenshots/). Run through the "screenshots" target, which uses the offscreen
// platform, the Fusion style and a fixed font so that the pictures do not depend on the desktop
// of whoever makes them. A new window is one more entry in shots().
#include "ui/aboutdialog.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QFont>
#include <QPixmap>
#include <QStyleFactory>
#include <QTextStream>

#include <functional>
#include <memory>
#include <vector>

namespace {

struct Shot {
    QString name;                              //!< file name without .png
    QSize size;                                //!< window size in device-independent pixels
    std::function<QWidget *()> create;
};

std::vector<Shot> shots()
{
    return {
        {QStringLiteral("main-window"), QSize(1280, 800), [] { return new fmc::MainWindow; }},
        {QStringLiteral("about-dialog"), QSize(800, 340), [] { return new fmc::AboutDialog; }},
    };
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("fabric-mirroring-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("Fabric Mirroring Console"));
    QApplication::setApplicationVersion(QStringLiteral(FMC_VERSION));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));
    QApplication::setWindowIcon(fmc::AboutDialog::applicationIcon());

    QTextStream err(stderr);
    const QStringList args = QApplication::arguments();
    if (args.size() != 2) {
        err << "usage: fmc-screenshots OUTPUT_DIRECTORY\n";
        return 2;
    }
    const QDir out(args.at(1));
    if (!QDir().mkpath(out.path())) {
        err << "fmc-screenshots: cannot create " << out.path() << '\n';
        return 1;
    }

    int failures = 0;
    for (const Shot &shot : shots()) {
        std::unique_ptr<QWidget> window(shot.create());
        window->resize(shot.size);
        window->show();
        // grab() lays the window out and paints it; the events queued by show() come first.
        QApplication::processEvents();
        const QString file = out.filePath(shot.name + QStringLiteral(".png"));
        if (!window->grab().save(file)) {
            err << "fmc-screenshots: cannot write " << file << '\n';
            ++failures;
        }
        QTextStream(stdout) << file << '\n';
    }
    return failures == 0 ? 0 : 1;
}
