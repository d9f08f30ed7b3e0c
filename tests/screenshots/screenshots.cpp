// fmc-screenshots: renders the console's windows, filled with the demo data of an in-process
// fabric-sandbox, to PNG files for the README and the AppStream metadata (docs/screenshots/).
//
//   fmc-screenshots [--dark] [--scale FACTOR] OUTPUT_DIRECTORY [NAME...]
//
// --dark renders with a dark palette, as a dark desktop theme gives the console, into NAME-dark.png;
// --scale 2 renders at 200 % (QT_SCALE_FACTOR) into NAME-200.png, to look at icons and text
// at high DPI.
//
// scripts/screenshots.sh runs it under Xvfb; the screenshots_render test runs it offscreen. The
// Fusion style and a fixed font keep the pictures independent of whoever makes them, and a
// temporary XDG_CONFIG_HOME keeps the user's settings and window geometry out (and untouched).
//
// Each shot opens its window, then waits, step by step, for what the picture must show (rows
// from the sandbox, a selected database, a loaded definition). A step that is not reached within
// the time limit fails the run, so a window that renders empty is an error, not a picture.
// A dialog or window whose header is not in the tree yet is left out and reported.
#include "app/api/fabricclient.h"
#include "app/readiness/readinesscheck.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"
#include "ui/aboutdialog.h"
#include "ui/readiness/readinessdialog.h"
#include "app/fleet/bulkactionrunner.h"
#include "app/fleet/fleetloader.h"
#include "models/fleetmodel.h"
#include "ui/fleet/fleetwindow.h"
#include "ui/environments/comparedialog.h"
#include "ui/environments/environmentpicker.h"
#include "ui/environments/promotedialog.h"
#include "ui/mirroritems/mirroritemspane.h"
#include "app/mirroritems/mirroritembrowser.h"
#include "models/mirroritemlistmodel.h"
#include "fmc_version.h"

#include "app/auth/clientsecretcredential.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/workspacebrowser.h"
#include "ui/mainwindow/mainwindow.h"
#include "app/profiles/profilesession.h"
#include "app/profiles/profilesessions.h"
#include "app/profiles/profilestore.h"
#include "ui/profiles/profiledecorator.h"
#include "ui/profiles/profilemanagerdialog.h"
#include "ui/gitfolder/gitfoldercontrol.h"

#include <QAction>

#if __has_include("ui/signin/signindialog.h")
#include "ui/signin/signindialog.h"
#define FMC_SHOTS_SIGNIN 1
#endif
#if __has_include("ui/settings/settingsdialog.h")
#include "app/settings/consolesettings.h"
#include "ui/settings/settingsdialog.h"
#define FMC_SHOTS_SETTINGS 1
#endif
#if __has_include("ui/editor/definitioneditorlauncher.h")
#include "ui/editor/definitioneditor.h"
#include "ui/editor/definitioneditorlauncher.h"
#define FMC_SHOTS_EDITOR 1
#endif
#if __has_include("ui/tray/backgroundwatchdialog.h")
#include "app/watch/backgroundwatch.h"
#include "ui/tray/backgroundwatchdialog.h"
#include "ui/tray/traycontroller.h"
#include <QSettings>
#define FMC_SHOTS_BACKGROUND_WATCH 1
#endif
#if __has_include("ui/dashboard/dashboardwindow.h")
#include "app/history/historyreader.h"
#include "tests/screenshots/demohistory.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/dashboard/dashboardtablemodel.h"
#include "models/sqlendpointsyncstore.h"
#include "ui/dashboard/sincelastlookeddialog.h"
#include "ui/dashboard/tabletimelinedialog.h"
#include "ui/dashboard/trendchart.h"
#define FMC_SHOTS_DASHBOARD 1
#endif

#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QTableView>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFont>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPalette>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPointer>
#include <QMainWindow>
#include <QSettings>
#include <tuple>
#include <QPushButton>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTextStream>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

namespace {

using Step = std::function<bool()>;

//! One picture: open() shows the window, every step is polled until it returns true (it may act,
//! e.g. select a row, once what it needs is there), then the window is grabbed.
struct Shot {
    QString name;                       //!< file name without .png
    QSize size;                         //!< window size in device-independent pixels
    std::function<QWidget *()> open;
    std::vector<std::pair<QString, Step>> steps; //!< what is awaited (for the error message), the check
    bool closeAfter = true;             //!< false for the main window, which the later shots need
};

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

//! The texts a user sees in \a widget: labels, line edits, text views, combo box items and the
//! first rows of item views.
QStringList visibleTexts(const QWidget *widget)
{
    QStringList texts;
    for (const auto *label : widget->findChildren<QLabel *>())
        texts << label->text();
    for (const auto *edit : widget->findChildren<QLineEdit *>())
        texts << edit->text();
    for (const auto *view : widget->findChildren<QTextBrowser *>())
        texts << view->toPlainText();
    for (const auto *view : widget->findChildren<QPlainTextEdit *>())
        texts << view->toPlainText();
    for (const auto *combo : widget->findChildren<QComboBox *>()) {
        for (int i = 0; i < combo->count(); ++i)
            texts << combo->itemText(i);
    }
    for (const auto *view : widget->findChildren<QAbstractItemView *>()) {
        const QAbstractItemModel *model = view->model();
        if (!model)
            continue;
        for (int row = 0; row < qMin(model->rowCount(), 200); ++row) {
            for (int column = 0; column < model->columnCount(); ++column)
                texts << model->index(row, column).data().toString();
        }
    }
    return texts;
}

bool showsText(const QWidget *widget, const QString &text)
{
    for (const QString &t : visibleTexts(widget)) {
        if (t.contains(text))
            return true;
    }
    return false;
}

//! The row of \a view whose column-0 text is \a text, or an invalid index.
QModelIndex rowNamed(const QAbstractItemView *view, const QString &text)
{
    const QAbstractItemModel *model = view ? view->model() : nullptr;
    if (!model)
        return {};
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < qMin(model->columnCount(), 2); ++column) {
            const QModelIndex index = model->index(row, column);
            if (index.data().toString() == text)
                return model->index(row, 0);
        }
    }
    return {};
}

//! A step that selects the row named \a text in the item view \a objectName of \a window.
Step selectRow(const std::function<QWidget *()> &window, const QString &objectName, const QString &text)
{
    return [=] {
        QWidget *w = window();
        auto *view = w ? w->findChild<QAbstractItemView *>(objectName) : nullptr;
        const QModelIndex index = rowNamed(view, text);
        if (!index.isValid())
            return false;
        if (view->currentIndex().row() != index.row() || !view->selectionModel()->isRowSelected(index.row(), {})) {
            view->setCurrentIndex(index);
            view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            view->scrollTo(index);
        }
        return true;
    };
}

//! A step that waits until \a window shows \a text somewhere.
Step waitForText(const std::function<QWidget *()> &window, const QString &text)
{
    return [=] {
        QWidget *w = window();
        return w && showsText(w, text);
    };
}

//! Types \a text into the line edit \a objectName of \a window, as a user would (textEdited).
void typeInto(QWidget *window, const QString &objectName, const QString &text)
{
    if (auto *edit = window->findChild<QLineEdit *>(objectName)) {
        edit->setText(text);
        Q_EMIT edit->textEdited(text);
    }
}

//! A step that lets \a ms of wall time pass (charts and rates need two refreshes).
Step waitMs(qint64 ms)
{
    auto timer = std::make_shared<QElapsedTimer>();
    return [=] {
        if (!timer->isValid())
            timer->start();
        return timer->elapsed() >= ms;
    };
}

//! The demo tenant of the sandbox: ids by display name.
struct Demo {
    fmc::sandbox::Sandbox *sandbox = nullptr;
    QString workspaceId(const QString &name) const
    {
        for (const auto &w : sandbox->state()->workspaces()) {
            if (w.displayName == name)
                return w.id;
        }
        return {};
    }
    QString mirrorId(const QString &workspace, const QString &name) const
    {
        for (const auto *m : sandbox->state()->mirrors(workspaceId(workspace))) {
            if (m->displayName == name)
                return m->id;
        }
        return {};
    }
};

//! Runs the shots one after the other from the event loop (no nested loops): a timer polls the
//! current shot's steps, grabs the window when the last one holds, then moves on.
class Runner : public QObject
{
public:
    Runner(std::vector<Shot> shots, const QDir &out, int timeoutMs)
        : m_shots(std::move(shots)), m_out(out), m_timeoutMs(timeoutMs)
    {
        m_timer.setInterval(100);
        connect(&m_timer, &QTimer::timeout, this, [this] { poll(); });
    }

    void start()
    {
        m_index = -1;
        next();
        m_timer.start();
    }
    int failures() const { return m_failures; }

private:
    void next()
    {
        if (m_window && m_index >= 0 && m_shots[size_t(m_index)].closeAfter)
            m_window->close();
        ++m_index;
        m_step = 0;
        if (m_index >= int(m_shots.size())) {
            m_timer.stop();
            QTimer::singleShot(0, qApp, [this] { QApplication::exit(m_failures == 0 ? 0 : 1); });
            return;
        }
        Shot &shot = m_shots[size_t(m_index)];
        m_window = shot.open();
        if (!m_window) {
            err() << "fmc-screenshots: " << shot.name << ": the window did not open\n";
            ++m_failures;
            next();
            return;
        }
        m_window->resize(shot.size);
        m_window->show();
        m_clock.start();
    }

    void poll()
    {
        if (m_index < 0 || m_index >= int(m_shots.size()))
            return;
        Shot &shot = m_shots[size_t(m_index)];
        while (m_step < shot.steps.size() && m_window && shot.steps[m_step].second())
            ++m_step;
        const bool done = m_step >= shot.steps.size();
        if (!done && m_clock.elapsed() < m_timeoutMs)
            return;
        if (!m_window) {
            err() << "fmc-screenshots: " << shot.name << ": the window closed before it was grabbed\n";
            ++m_failures;
        } else {
            // Window size again: a window may resize itself while it fills.
            m_window->resize(shot.size);
            const QString file = m_out.filePath(shot.name + QStringLiteral(".png"));
            if (!done) {
                err() << "fmc-screenshots: " << shot.name << ": gave up after " << m_timeoutMs / 1000
                      << " s waiting for " << shot.steps[m_step].first << " (picture written anyway)\n";
                ++m_failures;
            }
            if (!m_window->grab().save(file)) {
                err() << "fmc-screenshots: cannot write " << file << '\n';
                ++m_failures;
            } else {
                QTextStream(stdout) << file << Qt::endl;
            }
        }
        next();
    }

    std::vector<Shot> m_shots;
    QDir m_out;
    int m_timeoutMs;
    int m_index = -1;
    size_t m_step = 0;
    int m_failures = 0;
    QPointer<QWidget> m_window;
    QElapsedTimer m_clock;
    QTimer m_timer;
};

} // namespace

//! The palette of a dark desktop theme (Breeze Dark's and Adwaita-dark's shades), over Fusion.
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x35, 0x35, 0x35), base(0x2a, 0x2a, 0x2a), text(0xee, 0xee, 0xee);
    const QColor disabled(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x32, 0x32, 0x32));
    p.setColor(QPalette::ToolTipBase, QColor(0x20, 0x20, 0x20));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x40, 0x40));
    p.setColor(QPalette::Mid, QColor(0x5a, 0x5a, 0x5a));
    p.setColor(QPalette::Dark, QColor(0x20, 0x20, 0x20));
    p.setColor(QPalette::Shadow, QColor(0x10, 0x10, 0x10));
    p.setColor(QPalette::Link, QColor(0x6f, 0xb3, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb0, 0x9a, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    p.setColor(QPalette::HighlightedText, Qt::white);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Light, window);
    return p;
}

int main(int argc, char *argv[])
{
    // Settings, window geometry and the like go to a directory of our own, never the user's.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());

    // Options before the QApplication: the scale factor is read when it starts.
    bool dark = false;
    QString scale;
    QStringList rest;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == QLatin1String("--dark"))
            dark = true;
        else if (arg == QLatin1String("--scale") && i + 1 < argc)
            scale = QString::fromLocal8Bit(argv[++i]);
        else
            rest << arg;
    }
    if (!scale.isEmpty())
        qputenv("QT_SCALE_FACTOR", scale.toLocal8Bit());

    // The console's own logging stays quiet, as without --verbose.
    QLoggingCategory::setFilterRules(QStringLiteral("fmc.*.debug=false"));
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("fabric-mirroring-console"));
    QApplication::setOrganizationName(QStringLiteral("FabricMirroringConsole"));
    QApplication::setApplicationDisplayName(QStringLiteral("Fabric Mirroring Console"));
    QApplication::setApplicationVersion(QStringLiteral(FMC_VERSION));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));
    QApplication::setWindowIcon(fmc::AboutDialog::applicationIcon());
    if (dark)
        QApplication::setPalette(darkPalette());
    // NAME-dark.png, NAME-200.png, NAME-dark-200.png: the plain names stay the README's pictures.
    QString suffix;
    if (dark)
        suffix += QStringLiteral("-dark");
    if (!scale.isEmpty())
        suffix += QStringLiteral("-%1").arg(qRound(scale.toDouble() * 100));
    // Shots close their windows as they go; the run ends when the last shot is written.
    QApplication::setQuitOnLastWindowClosed(false);

    if (rest.isEmpty()) {
        err() << "usage: fmc-screenshots [--dark] [--scale FACTOR] OUTPUT_DIRECTORY [NAME...]\n";
        return 2;
    }
    const QDir out(rest.at(0));
    const QStringList only = rest.mid(1);
    if (!QDir().mkpath(out.path())) {
        err() << "fmc-screenshots: cannot create " << out.path() << '\n';
        return 1;
    }

    // The demo tenant, on a free loopback port, as `fabric-mirroring-console --sandbox` has it.
    fmc::sandbox::Sandbox sandbox;
    if (sandbox.listen() == 0) {
        err() << "fmc-screenshots: could not start the sandbox\n";
        return 1;
    }
    const Demo demo{&sandbox};

    std::vector<Shot> shots;
    QStringList missing;

    // Signed in to the sandbox with its service principal, as `fabric-mirroring-console --sandbox`
    // is (the secret stays in memory), and the main window bound to that client.
    fmc::SecretStore secrets;
    secrets.setKeychainEnabled(false);
    fmc::TokenSession session(&secrets);
    fmc::AuthConfig auth;
    auth.authority = sandbox.serverUrl();
    auth.tenant = sandbox.entra()->tenantId();
    auth.clientId = fmc::sandbox::EntraEmulator::defaultClientId();
    session.setCredential(new fmc::ClientSecretCredential(auth, fmc::sandbox::EntraEmulator::defaultClientSecret()));
    fmc::FabricClient::Config clientConfig;
    clientConfig.apiBaseUrl = sandbox.serverUrl().resolved(QUrl(QStringLiteral("/v1")));
    fmc::FabricClient fabric(clientConfig, &session);
    fmc::FabricClient *client = &fabric;
    fmc::WorkspaceBrowser browser(client);
    fmc::MainWindow window;
    window.setBrowser(&browser);
    window.setClient(client);
    QObject::connect(&session, &fmc::TokenSession::stateChanged, &window, [&](fmc::TokenSession::State state) {
        if (state != fmc::TokenSession::State::SignedIn)
            return;
        window.setSignedIn(session.identity().label(), clientConfig.apiBaseUrl.toString());
        browser.reloadWorkspaces();
    });
    session.signIn();
    const std::function<QWidget *()> mainWindow = [&window]() -> QWidget * { return &window; };

    // The main window on a large screen and on a small laptop's (1024×700): the columns fit both.
    for (const auto &[name, size] : {std::pair{QStringLiteral("main-window"), QSize(1600, 1000)},
                                     std::pair{QStringLiteral("main-window-1024x700"), QSize(1024, 700)}}) {
        shots.push_back(
            {name,
             size,
             mainWindow,
             {{QStringLiteral("the workspaces"),
               selectRow(mainWindow, QStringLiteral("workspaceList"), QStringLiteral("Sales Analytics"))},
              {QStringLiteral("the mirrored databases of Sales Analytics"),
               selectRow(mainWindow, QStringLiteral("mirroredDatabaseTable"), QStringLiteral("SalesMirror"))},
              {QStringLiteral("the details of SalesMirror"),
               waitForText(
                   [&window]() -> QWidget * { return window.findChild<QWidget *>(QStringLiteral("detailsPane")); },
                   demo.mirrorId(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror")))},
              {QStringLiteral("the live status"), waitForText(mainWindow, QStringLiteral("Running"))},
              {QStringLiteral("a moment for the status bar"), waitMs(500)}},
             false});
    }

    // Database ▸ Import from Git folder…: a folder another tool wrote (two files the service
    // does not take), confirmed into Sales Analytics.
    shots.push_back({QStringLiteral("git-folder-import"), QSize(640, 300),
                     [&]() -> QWidget * {
                         window.gitFolderControl()->setFolderChooser(
                             [](fmc::GitFolderControl::Choice) { return QStringLiteral(FMC_GITFOLDER_SAMPLE); });
                         window.gitFolderControl()->importAction()->trigger();
                         return window.gitFolderControl()->messageBox();
                     },
                     {{QStringLiteral("the confirmation"), [&] { return window.gitFolderControl()->messageBox() != nullptr; }},
                      {QStringLiteral("the box to settle"), waitMs(300)}}});

#ifdef FMC_SHOTS_SIGNIN
    // The sign-in dialog on a session of its own, so that the console stays signed in; device code
    // is the page with the most to show once the code has arrived.
    fmc::SecretStore signInSecrets;
    signInSecrets.setKeychainEnabled(false);
    fmc::TokenSession signInSession(&signInSecrets);
    fmc::AuthConfig publicClient = auth;
    publicClient.clientId = fmc::sandbox::EntraEmulator::defaultPublicClientId();
    QPointer<fmc::SignInDialog> signIn;
    shots.push_back({QStringLiteral("sign-in-dialog"), QSize(760, 520),
                     [&]() -> QWidget * {
                         signIn = new fmc::SignInDialog(&signInSession, publicClient, &window);
                         signIn->setAttribute(Qt::WA_DeleteOnClose);
                         signIn->setUrlOpener([](const QUrl &) { return true; });
                         signIn->setMethod(fmc::Credential::Kind::DeviceCode);
                         QTimer::singleShot(0, signIn.data(), [&] { signIn->startSignIn(); });
                         return signIn.data();
                     },
                     {{QStringLiteral("the device code"), [&] {
                           const auto *code = signIn ? signIn->findChild<QLabel *>(QStringLiteral("userCodeLabel")) : nullptr;
                           return code && code->isVisible() && !code->text().isEmpty();
                       }}}});
#else
    missing << QStringLiteral("sign-in-dialog");
#endif
#ifdef FMC_SHOTS_SETTINGS
    shots.push_back({QStringLiteral("settings-dialog"), QSize(620, 360),
                     [&]() -> QWidget * {
                         auto *dialog = new fmc::SettingsDialog(fmc::ConsoleSettings(), &window);
                         dialog->setAttribute(Qt::WA_DeleteOnClose);
                         return dialog;
                     },
                     {{QStringLiteral("the form"), [] { return true; }}}});
    // The same with a refused value: its reason in a row of its own, the dialog grown to show it.
    shots.push_back({QStringLiteral("settings-dialog-invalid"),
                     QSize(620, 360),
                     [&]() -> QWidget * {
                         auto *dialog = new fmc::SettingsDialog(fmc::ConsoleSettings(), &window);
                         dialog->setAttribute(Qt::WA_DeleteOnClose);
                         dialog->setObjectName(QStringLiteral("settingsInvalid"));
                         return dialog;
                     },
                     {{QStringLiteral("the refused URL"), [&] {
                           auto *dialog = window.findChild<QWidget *>(QStringLiteral("settingsInvalid"));
                           auto *api = dialog ? dialog->findChild<QLineEdit *>(QStringLiteral("apiUrlEdit")) : nullptr;
                           if (api && api->text() != QLatin1String("http://fabric.example.com/v1"))
                               api->setText(QStringLiteral("http://fabric.example.com/v1"));
                           return api != nullptr;
                       }}}});
#else
    missing << QStringLiteral("settings-dialog") << QStringLiteral("settings-dialog-invalid");
#endif

#ifdef FMC_SHOTS_BACKGROUND_WATCH
    // File ▸ Background watch…: two mirrors chosen, the main window's selection ready to add.
    const auto mirror = [&](const QString &workspace, const QString &name) {
        return fmc::WatchedDatabase{demo.workspaceId(workspace), demo.mirrorId(workspace, name), name};
    };
    QSettings watchSettings(config.filePath(QStringLiteral("background-watch.ini")), QSettings::IniFormat);
    fmc::BackgroundWatch backgroundWatch(client, &watchSettings);
    backgroundWatch.setWatched(mirror(QStringLiteral("Operations"), QStringLiteral("SensorLanding")), true);
    backgroundWatch.setWatched(mirror(QStringLiteral("Finance"), QStringLiteral("LedgerMirror")), true);
    fmc::TrayController tray(&backgroundWatch, QStringLiteral("/usr/bin/fabric-mirroring-console"));
    shots.push_back({QStringLiteral("background-watch"), QSize(560, 440),
                     [&]() -> QWidget * {
                         auto *dialog = new fmc::BackgroundWatchDialog(
                             &backgroundWatch, &tray,
                             [&] { return QList<fmc::WatchedDatabase>{mirror(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"))}; },
                             &window);
                         dialog->setAttribute(Qt::WA_DeleteOnClose);
                         return dialog;
                     },
                     {{QStringLiteral("the list"), [] { return true; }}}});
#else
    missing << QStringLiteral("background-watch");
#endif

#ifdef FMC_SHOTS_EDITOR
    QPointer<fmc::DefinitionEditor> editor;
    const std::function<QWidget *()> editorWindow = [&]() -> QWidget * { return editor.data(); };
    shots.push_back({QStringLiteral("definition-editor-create"), QSize(1180, 800),
                     [&]() -> QWidget * {
                         editor = fmc::DefinitionEditorLauncher::openCreate(
                             client, demo.workspaceId(QStringLiteral("Sales Analytics")));
                         return editor.data();
                     },
                     {{QStringLiteral("the connections"), waitForText(editorWindow, QStringLiteral("contoso-sales"))},
                      {QStringLiteral("the form filled in"), [&] {
                           if (!editor)
                               return false;
                           auto *source = editor->findChild<QComboBox *>(QStringLiteral("sourceType"));
                           auto *connection = editor->findChild<QComboBox *>(QStringLiteral("connection"));
                           if (!source || !connection)
                               return false;
                           typeInto(editor, QStringLiteral("name"), QStringLiteral("InventoryMirror"));
                           typeInto(editor, QStringLiteral("description"), QStringLiteral("Stock levels from the sales OLTP"));
                           source->setCurrentIndex(source->findText(QStringLiteral("Azure SQL Database")));
                           Q_EMIT source->activated(source->currentIndex());
                           const int sales = connection->findText(QStringLiteral("contoso-sales"), Qt::MatchStartsWith);
                           connection->setCurrentIndex(sales);
                           Q_EMIT connection->activated(sales);
                           typeInto(editor, QStringLiteral("database"), QStringLiteral("inventory"));
                           return true;
                       }},
                      {QStringLiteral("the form to settle"), waitMs(300)}}});
    shots.push_back({QStringLiteral("definition-editor-edit"), QSize(1180, 800),
                     [&]() -> QWidget * {
                         editor = fmc::DefinitionEditorLauncher::openEdit(
                             client, demo.workspaceId(QStringLiteral("Finance")),
                             demo.mirrorId(QStringLiteral("Finance"), QStringLiteral("LedgerMirror")));
                         return editor.data();
                     },
                     {{QStringLiteral("the definition to load"), [&] { return editor && !editor->isLoading(); }},
                      {QStringLiteral("the mirrored tables"), waitForText(editorWindow, QStringLiteral("ledger"))},
                      {QStringLiteral("the form to settle"), waitMs(300)}}});
#else
    missing << QStringLiteral("definition-editor-create") << QStringLiteral("definition-editor-edit");
#endif

#ifdef FMC_SHOTS_DASHBOARD
    std::unique_ptr<fmc::DashboardWindow> dashboard;
    const std::function<QWidget *()> dashboardWindow = [&]() -> QWidget * { return dashboard.get(); };
    const auto watched = [&](const QString &workspace, const QString &name) {
        return fmc::WatchedDatabase{demo.workspaceId(workspace), demo.mirrorId(workspace, name), name};
    };
    // What the main window tells a dashboard about a database for "Refresh SQL endpoint": its
    // endpoint id and the caller's role (Admin in these pictures).
    const auto sqlSubject = [&](const fmc::WatchedDatabase &database) {
        fmc::SqlEndpointRefreshControl::Subject subject;
        subject.target = {database.workspaceId, database.databaseId, database.displayName,
                          sandbox.state()->mirror(database.workspaceId, database.databaseId)->sqlEndpointId};
        subject.role = fmc::WorkspaceRole::Admin;
        for (const auto &workspace : sandbox.state()->workspaces())
            if (workspace.id == database.workspaceId)
                subject.workspaceName = workspace.displayName;
        return subject;
    };
    shots.push_back({QStringLiteral("dashboard-one"), QSize(1400, 860),
                     [&]() -> QWidget * {
                         dashboard = std::make_unique<fmc::DashboardWindow>(client);
                         dashboard->watch({watched(QStringLiteral("Operations"), QStringLiteral("SensorLanding"))});
                         return dashboard.get();
                     },
                     {{QStringLiteral("the tables"), waitForText(dashboardWindow, QStringLiteral("legacy_sensors"))},
                      {QStringLiteral("a second refresh for the rates"), waitMs(2500)}}});
    // The ladder of fixes for the failing table, its error explained (issue #18).
    shots.push_back({QStringLiteral("dashboard-ladder"), QSize(1400, 900),
                     [&]() -> QWidget * {
                         dashboard = std::make_unique<fmc::DashboardWindow>(client);
                         // As the console opens it: with the SQL endpoint refresh, the ladder's first rung.
                         dashboard->setSqlEndpoint(window.sqlEndpointRefresher(), sqlSubject, std::chrono::minutes(15));
                         dashboard->watch({watched(QStringLiteral("Operations"), QStringLiteral("SensorLanding"))});
                         return dashboard.get();
                     },
                     {{QStringLiteral("the tables"), waitForText(dashboardWindow, QStringLiteral("legacy_sensors"))},
                      {QStringLiteral("the failing table selected"),
                       [&] {
                           return dashboard->selectTable(demo.mirrorId(QStringLiteral("Operations"), QStringLiteral("SensorLanding")),
                                                         QStringLiteral("dbo"), QStringLiteral("legacy_sensors"));
                       }},
                      {QStringLiteral("the ladder laid out"), waitMs(500)}}});
    shots.push_back({QStringLiteral("dashboard-many"), QSize(1400, 860),
                     [&]() -> QWidget * {
                         dashboard = std::make_unique<fmc::DashboardWindow>(client);
                         dashboard->watch({watched(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror")),
                                           watched(QStringLiteral("Sales Analytics"), QStringLiteral("SalesArchive")),
                                           watched(QStringLiteral("Finance"), QStringLiteral("LedgerMirror")),
                                           watched(QStringLiteral("Operations"), QStringLiteral("SensorLanding")),
                                           watched(QStringLiteral("Shared Reports"), QStringLiteral("ReportsMirror"))});
                         return dashboard.get();
                     },
                     {{QStringLiteral("the tables of every database"), waitForText(dashboardWindow, QStringLiteral("legacy_sensors"))},
                      {QStringLiteral("a second refresh for the rates"), waitMs(2500)}}});
    // The other mirror item types on the dashboard (issue #19 part 3): a mirrored catalog with its
    // tables (one failed), and a Databricks catalog whose sync failed (no tables in its API).
    const auto watchedItem = [&](const QString &workspace, const QString &name) {
        for (const auto &listed : sandbox.state()->mirrorItems().listed(demo.workspaceId(workspace)))
            if (listed.displayName == name)
                return fmc::WatchedDatabase{demo.workspaceId(workspace), listed.id, name, listed.type};
        return fmc::WatchedDatabase{};
    };
    shots.push_back({QStringLiteral("dashboard-catalog"), QSize(1400, 700),
                     [&]() -> QWidget * {
                         dashboard = std::make_unique<fmc::DashboardWindow>(client);
                         dashboard->watch({watchedItem(QStringLiteral("Sales Analytics"), QStringLiteral("IcebergSales"))});
                         return dashboard.get();
                     },
                     {{QStringLiteral("the catalog's tables"), waitForText(dashboardWindow, QStringLiteral("Receivable"))},
                      {QStringLiteral("the window to settle"), waitMs(500)}}});
    shots.push_back({QStringLiteral("dashboard-databricks"), QSize(1400, 520),
                     [&]() -> QWidget * {
                         dashboard = std::make_unique<fmc::DashboardWindow>(client);
                         dashboard->watch({watchedItem(QStringLiteral("Finance"), QStringLiteral("UnityFinance")),
                                           watchedItem(QStringLiteral("Sales Analytics"), QStringLiteral("OrdersDb"))});
                         return dashboard.get();
                     },
                     {{QStringLiteral("the sync details"), waitForText(dashboardWindow, QStringLiteral("Sync failed"))},
                      {QStringLiteral("the window to settle"), waitMs(500)}}});
    // "Refresh SQL endpoint" (issue #18): in progress (a 500-table endpoint runs as an operation,
    // held running here), then the endpoint columns of SalesMirror after a refresh in which one
    // table failed, then that refresh's result.
    const auto sqlDashboard = [&](const QString &name) {
        dashboard = std::make_unique<fmc::DashboardWindow>(client);
        dashboard->setSqlEndpoint(window.sqlEndpointRefresher(), sqlSubject, std::chrono::minutes(15));
        dashboard->watch({watched(QStringLiteral("Sales Analytics"), name)});
        // Room for the endpoint columns: the byte counts and the object type stay in the CSV.
        for (auto column : {fmc::TableStatusModel::ObjectType, fmc::TableStatusModel::ProcessedBytes,
                            fmc::TableStatusModel::BytesPerSecond, fmc::TableStatusModel::ErrorMessage})
            dashboard->tableView()->setColumnHidden(fmc::DashboardTableModel::column(column), true);
        return dashboard.get();
    };
    shots.push_back({QStringLiteral("sql-endpoint-progress"), QSize(1400, 600),
                     [&]() -> QWidget * {
                         sandbox.setLroDurationMs(-1); // held running for the picture
                         return sqlDashboard(QStringLiteral("SalesArchive"));
                     },
                     {{QStringLiteral("the tables"), waitForText(dashboardWindow, QStringLiteral("customers"))},
                      {QStringLiteral("the refresh to start"), [&] {
                           if (!window.sqlEndpointRefresher()->isBusy())
                               dashboard->refreshSqlEndpointAction()->trigger();
                           return window.sqlEndpointRefresher()->isBusy();
                       }},
                      {QStringLiteral("the operation to be polled"), waitMs(2500)}}});
    shots.push_back({QStringLiteral("dashboard-sql-endpoint"), QSize(1400, 860),
                     [&]() -> QWidget * {
                         window.sqlEndpointRefresher()->cancel();
                         sandbox.setLroDurationMs(3000);
                         fmc::sandbox::FaultRule fault;
                         fault.kind = fmc::sandbox::FaultRule::Kind::FailTables;
                         fault.operation = QStringLiteral("refreshSqlEndpointMetadata");
                         fault.tables = {QStringLiteral("customers")};
                         fault.count = 1;
                         sandbox.addFault(fault);
                         return sqlDashboard(QStringLiteral("SalesMirror"));
                     },
                     {{QStringLiteral("the tables"), waitForText(dashboardWindow, QStringLiteral("customers"))},
                      {QStringLiteral("the refresh to end"), [&] {
                           if (window.sqlEndpointRefresher()->store()->hasResult(demo.mirrorId(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"))))
                               return !window.sqlEndpointRefresher()->isBusy();
                           if (!window.sqlEndpointRefresher()->isBusy())
                               dashboard->refreshSqlEndpointAction()->trigger();
                           return false;
                       }},
                      {QStringLiteral("replication to move past the endpoint"), waitMs(6000)},
                      {QStringLiteral("a dashboard refresh after it"), [&, asked = false]() mutable {
                           if (!asked)
                               dashboard->refreshNow();
                           asked = true;
                           return true;
                       }},
                      {QStringLiteral("the refreshed statuses"), waitMs(2000)},
                      {QStringLiteral("the result dialog closed"), [&] {
                           if (auto *dialog = dashboard->sqlEndpointControl()->resultDialog())
                               dialog->close();
                           return true;
                       }}}});
    std::unique_ptr<fmc::SqlEndpointResultDialog> sqlResult;
    shots.push_back({QStringLiteral("sql-endpoint-result"), QSize(900, 460),
                     [&]() -> QWidget * {
                         sqlResult = std::make_unique<fmc::SqlEndpointResultDialog>();
                         return sqlResult.get();
                     },
                     {{QStringLiteral("the last refresh of SalesMirror"), [&] {
                           const QString id = demo.mirrorId(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
                           const fmc::TableSyncStatuses *result = window.sqlEndpointRefresher()->store()->result(id);
                           if (!result)
                               return false;
                           sqlResult->setResult({demo.workspaceId(QStringLiteral("Sales Analytics")), id,
                                                 QStringLiteral("SalesMirror"), {}},
                                                *result);
                           return true;
                       }}}});
    // The history: a week recorded for SensorLanding, in a folder of this run's own.
    QTemporaryDir historyDir;
    const QString historyPath = historyDir.filePath(QStringLiteral("history.sqlite"));
    const qint64 historyNow = QDateTime::currentMSecsSinceEpoch();
    const fmc::WatchedDatabase sensors = watched(QStringLiteral("Operations"), QStringLiteral("SensorLanding"));
    const bool haveHistory = fmc::test::writeDemoHistory(historyPath, sensors.databaseId, historyNow);
    if (!haveHistory)
        err() << "fmc-screenshots: the demo history could not be written\n";
    shots.push_back({QStringLiteral("dashboard-history-7d"), QSize(1400, 860),
                     [&]() -> QWidget * {
                         dashboard = std::make_unique<fmc::DashboardWindow>(client);
                         dashboard->watch({sensors});
                         dashboard->setHistoryFile(historyPath);
                         dashboard->chartRangeBox()->setCurrentIndex(dashboard->chartRangeBox()->findData(7 * 24));
                         return dashboard.get();
                     },
                     {{QStringLiteral("the tables"), waitForText(dashboardWindow, QStringLiteral("legacy_sensors"))},
                      {QStringLiteral("a week of points"), [&] { return dashboard->trendChart()->pointCount() > 500; }}}});
    shots.push_back({QStringLiteral("since-last-looked"), QSize(900, 320),
                     [&]() -> QWidget * {
                         const qint64 seen = historyNow - 3LL * 24 * 3600 * 1000;
                         auto *dialog = new fmc::SinceLastLookedDialog(
                             fmc::HistorySummary::summarize(fmc::test::demoHistoryEvents(sensors.databaseId, historyNow), seen,
                                                            historyNow));
                         dialog->setAttribute(Qt::WA_DeleteOnClose);
                         return dialog;
                     },
                     {{QStringLiteral("the lines"), [] { return true; }}}});
    // The console's start: two databases with news, each under its name.
    shots.push_back({QStringLiteral("since-last-looked-start"), QSize(900, 300),
                     [&]() -> QWidget * {
                         const qint64 seen = historyNow - 3LL * 24 * 3600 * 1000;
                         const fmc::WatchedDatabase sales = watched(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
                         QList<fmc::DatabaseSummary> databases;
                         for (const fmc::WatchedDatabase &db : {sensors, sales}) {
                             QList<fmc::HistoryEvent> events = fmc::test::demoHistoryEvents(db.databaseId, historyNow);
                             if (db.databaseId == sales.databaseId) // a second database with less news
                                 events = events.mid(events.size() / 2);
                             databases.append({{db.databaseId, db.workspaceId, db.displayName, seen},
                                               fmc::HistorySummary::summarize(events, seen, historyNow)});
                         }
                         auto *dialog = new fmc::SinceLastLookedDialog(databases);
                         dialog->setAttribute(Qt::WA_DeleteOnClose);
                         return dialog;
                     },
                     {{QStringLiteral("the lines"), [] { return true; }}}});
    shots.push_back({QStringLiteral("table-timeline"), QSize(640, 320),
                     [&]() -> QWidget * {
                         const fmc::HistoryReader reader(historyPath);
                         auto *dialog = new fmc::TableTimelineDialog(
                             QStringLiteral("dbo.customers"),
                             reader.tableTransitions(sensors.databaseId, QStringLiteral("dbo"), QStringLiteral("customers"),
                                                     historyNow - 7LL * 24 * 3600 * 1000, historyNow),
                             historyNow);
                         dialog->setAttribute(Qt::WA_DeleteOnClose);
                         return dialog;
                     },
                     {{QStringLiteral("the changes"), [] { return true; }}}});
#else
    missing << QStringLiteral("dashboard-one") << QStringLiteral("dashboard-ladder") << QStringLiteral("dashboard-many");
    missing << QStringLiteral("sql-endpoint-progress") << QStringLiteral("dashboard-sql-endpoint")
            << QStringLiteral("sql-endpoint-result");
#endif

    // Will it start? LedgerMirror: Stopped (a reseed), its connection offline, its PostgreSQL
    // source's prerequisites with the Learn link and Copy.
    QPointer<fmc::ReadinessDialog> readiness;
    shots.push_back({QStringLiteral("readiness-checklist"), QSize(780, 540),
                     [&]() -> QWidget * {
                         readiness = new fmc::ReadinessDialog(client, fmc::DefinitionLimits{},
                                                              fmc::ReadinessDialog::Purpose::BeforeStart);
                         readiness->setAttribute(Qt::WA_DeleteOnClose);
                         readiness->check(demo.workspaceId(QStringLiteral("Finance")),
                                          demo.mirrorId(QStringLiteral("Finance"), QStringLiteral("LedgerMirror")),
                                          QStringLiteral("LedgerMirror"));
                         return readiness.data();
                     },
                     {{QStringLiteral("every check to end"),
                       [&] { return readiness && !readiness->readinessCheck()->isRunning(); }},
                      {QStringLiteral("the window to settle"), waitMs(300)}}});
    // The fleet view at tenant scale: the demo tenant plus 1,000 generated workspaces holding 500
    // mirrored databases and 50 mirrors of the other types (as `fabric-sandbox --scale 1000
    // --scale-mirrors 500`), found by catalog search.
    fmc::sandbox::SandboxOptions scaleOptions;
    scaleOptions.scaleWorkspaces = 1000;
    scaleOptions.scaleMirrors = 500;
    scaleOptions.lroMode = fmc::sandbox::LroMode::Never;
    fmc::sandbox::Sandbox scaleSandbox(scaleOptions);
    scaleSandbox.listen();
    fmc::SecretStore scaleSecrets;
    scaleSecrets.setKeychainEnabled(false);
    fmc::TokenSession scaleSession(&scaleSecrets);
    fmc::AuthConfig scaleAuth = auth;
    scaleAuth.authority = scaleSandbox.serverUrl();
    scaleAuth.tenant = scaleSandbox.entra()->tenantId();
    scaleSession.setCredential(
        new fmc::ClientSecretCredential(scaleAuth, fmc::sandbox::EntraEmulator::defaultClientSecret()));
    scaleSession.signIn();
    fmc::FabricClient::Config scaleConfig;
    scaleConfig.apiBaseUrl = scaleSandbox.serverUrl().resolved(QUrl(QStringLiteral("/v1")));
    fmc::FabricClient scaleClient(scaleConfig, &scaleSession);
    fmc::WorkspaceBrowser scaleBrowser(&scaleClient);
    fmc::FleetLoader fleetLoader(&scaleClient, &scaleBrowser);
    fmc::BulkActionRunner fleetRunner(&scaleClient);
    std::unique_ptr<fmc::FleetWindow> fleet;
    const std::function<QWidget *()> fleetWindow = [&]() -> QWidget * { return fleet.get(); };
    shots.push_back({QStringLiteral("fleet-view"), QSize(1400, 820),
                     [&]() -> QWidget * {
                         fleet = std::make_unique<fmc::FleetWindow>(&fleetLoader, &fleetRunner);
                         return fleet.get();
                     },
                     {{QStringLiteral("the mirrors found by search"),
                       [&] { return fleetLoader.model()->rowCount() >= 507 && fleetLoader.source() == fmc::FleetLoader::Source::Search; }},
                      {QStringLiteral("every status"), [&] {
                           const auto rollUp = fleetLoader.model()->rollUp();
                           return rollUp.value(fmc::FleetModel::Bucket::Loading) == 0
                                  && rollUp.value(fmc::FleetModel::Bucket::Warning) > 0;
                       }},
                      {QStringLiteral("a few statuses more"), waitMs(1500)},
                      {QStringLiteral("the selection gated"), [&] {
                           // Three picked with Ctrl: the buttons and their tooltips follow the selection.
                           QAbstractItemView *view = fleet->view();
                           for (int row : {0, 1, 2})
                               view->selectionModel()->select(view->model()->index(row, 0),
                                                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
                           return true;
                       }}}});

    // Profiles (#21): DEV and PROD signed in at once in the manager, opened from the DEV
    // window (its strip on top), and a main window of the production profile.
    QSettings profileSettings(config.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
    fmc::ProfileStore profileStore(&profileSettings);
    fmc::ProfileSessions profileSessions(&secrets, clientConfig);
    fmc::ProfileDecorator profileDecorator;
    app.installEventFilter(&profileDecorator);
    std::vector<fmc::Profile> demoProfiles;
    for (const auto &[name, label, production] : {std::tuple{QStringLiteral("Contoso development"), QStringLiteral("DEV"), false},
                                                  std::tuple{QStringLiteral("Contoso production"), QStringLiteral("PROD"), true}}) {
        fmc::Profile p;
        p.id = fmc::Profile::newId();
        p.name = name;
        p.label = label;
        p.production = production;
        p.colour = production ? fmc::Profile::productionColour() : QColor(QStringLiteral("#2e7d32"));
        p.apiBaseUrl = clientConfig.apiBaseUrl;
        p.authority = auth.authority;
        p.tenant = auth.tenant;
        p.signInMethod = QStringLiteral("client-secret");
        p.servicePrincipalId = auth.clientId;
        p.servicePrincipalTenant = auth.tenant;
        profileStore.save(p);
        secrets.write(p.keyPrefix() + fmc::TokenSession::clientSecretKey(auth), fmc::sandbox::EntraEmulator::defaultClientSecret());
        profileSessions.open(p)->signInSilently();
        demoProfiles.push_back(p);
    }
    QPointer<fmc::ProfileManagerDialog> profileManager;
    std::unique_ptr<QMainWindow> devWindow;
    shots.push_back({QStringLiteral("profiles"), QSize(900, 520),
                     [&]() -> QWidget * {
                         devWindow = std::make_unique<QMainWindow>();
                         fmc::ProfileDecorator::setProfile(devWindow.get(), demoProfiles[0]);
                         profileManager = new fmc::ProfileManagerDialog(&profileStore, &profileSessions, devWindow.get());
                         profileManager->setAttribute(Qt::WA_DeleteOnClose);
                         return profileManager.data();
                     },
                     {{QStringLiteral("both profiles signed in"), [&] { return profileSessions.signedIn().size() == 2; }},
                      {QStringLiteral("the production profile selected"), [&] {
                           profileManager->select(demoProfiles[1].id);
                           return profileManager->currentId() == demoProfiles[1].id;
                       }},
                      {QStringLiteral("the list to settle"), waitMs(300)}}});
    std::unique_ptr<fmc::WorkspaceBrowser> prodBrowser;
    std::unique_ptr<fmc::MainWindow> prodWindow;
    const std::function<QWidget *()> productionWindow = [&]() -> QWidget * { return prodWindow.get(); };
    shots.push_back({QStringLiteral("profile-production-window"), QSize(1280, 760),
                     [&]() -> QWidget * {
                         fmc::ProfileSession *prod = profileSessions.session(demoProfiles[1].id);
                         prodBrowser = std::make_unique<fmc::WorkspaceBrowser>(prod->client());
                         prodWindow = std::make_unique<fmc::MainWindow>();
                         prodWindow->setBrowser(prodBrowser.get());
                         prodWindow->setClient(prod->client());
                         prodWindow->setSignedIn(prod->tokenSession()->identity().label(), clientConfig.apiBaseUrl.toString());
                         fmc::ProfileDecorator::setProfile(prodWindow.get(), demoProfiles[1]);
                         prodBrowser->reloadWorkspaces();
                         return prodWindow.get();
                     },
                     {{QStringLiteral("the workspaces"),
                       selectRow(productionWindow, QStringLiteral("workspaceList"), QStringLiteral("Sales Analytics"))},
                      {QStringLiteral("the live status"), waitForText(productionWindow, QStringLiteral("Running"))},
                      {QStringLiteral("a moment for the status bar"), waitMs(500)}}});

    // Compare and promote (issue #21): the demo tenant as DEV, the second sandbox above as a
    // production tenant, PROD in red.
    const Demo prodDemo{&scaleSandbox};
    const fmc::EnvironmentTargets environments{
        fmc::EnvironmentTarget{client, QStringLiteral("DEV"), QColor(0x2e, 0x7d, 0x32), false},
        fmc::EnvironmentTarget{&scaleClient, QStringLiteral("PROD"), QColor(0xc6, 0x28, 0x28), true}};
    QPointer<fmc::CompareDialog> compare;
    shots.push_back({QStringLiteral("compare-definitions"), QSize(1100, 780),
                     [&]() -> QWidget * {
                         compare = new fmc::CompareDialog(environments);
                         compare->setAttribute(Qt::WA_DeleteOnClose);
                         compare->left()->preselect(0, demo.workspaceId(QStringLiteral("Sales Analytics")),
                                                    demo.mirrorId(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror")));
                         compare->right()->preselect(1, prodDemo.workspaceId(QStringLiteral("Sales Analytics")),
                                                     prodDemo.mirrorId(QStringLiteral("Sales Analytics"), QStringLiteral("SalesArchive")));
                         return compare.data();
                     },
                     {{QStringLiteral("both sides listed"), [&] { return compare && compare->left()->isComplete() && compare->right()->isComplete(); }},
                      {QStringLiteral("the comparison"), [&] {
                           if (compare->compareButton()->isEnabled() && !compare->diffView())
                               compare->compareButton()->click();
                           return compare->diffView() != nullptr;
                       }},
                      {QStringLiteral("the window to settle"), waitMs(300)}}});
    QPointer<fmc::PromoteDialog> promote;
    QString prodConnection;
    for (const auto &c : scaleSandbox.state()->connections())
        if (c.displayName == QLatin1String("contoso-sales (Azure SQL)"))
            prodConnection = c.id;
    shots.push_back({QStringLiteral("promote-dry-run"), QSize(1100, 900),
                     [&]() -> QWidget * {
                         promote = new fmc::PromoteDialog(environments.first(), demo.workspaceId(QStringLiteral("Sales Analytics")),
                                                          demo.mirrorId(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror")),
                                                          QStringLiteral("SalesMirror"), environments, fmc::DefinitionLimits{});
                         promote->setAttribute(Qt::WA_DeleteOnClose);
                         promote->targetPicker()->preselect(1, prodDemo.workspaceId(QStringLiteral("Sales Analytics")));
                         return promote.data();
                     },
                     {{QStringLiteral("the source and the target"), [&] {
                           return promote && promote->targetPicker()->isComplete() && promote->dryRunButton()->isEnabled();
                       }},
                      {QStringLiteral("the dry run"), [&] {
                           if (promote->previewView()->toPlainText().isEmpty() && !promote->promoter()->isRunning()) {
                               typeInto(promote, QStringLiteral("connectionTo"), prodConnection);
                               typeInto(promote, QStringLiteral("databaseTo"), QStringLiteral("sales_prod"));
                               typeInto(promote, QStringLiteral("nameTo"), QStringLiteral("SalesMirrorProd"));
                               promote->dryRunButton()->click();
                           }
                           return !promote->promoter()->isRunning() && !promote->previewView()->toPlainText().isEmpty();
                       }},
                      {QStringLiteral("the window to settle"), waitMs(300)}}});
    // The other mirror item types (issue #19 part 3): the main window's pane for Finance (a
    // failed mirrored catalog, a failed Databricks sync, a SQL database with no status call) and
    // the fleet view of the demo tenant, every type in its one list and roll-up.
    shots.push_back({QStringLiteral("mirror-items"),
                     QSize(1600, 1000),
                     mainWindow,
                     {{QStringLiteral("the workspaces"),
                       selectRow(mainWindow, QStringLiteral("workspaceList"), QStringLiteral("Finance"))},
                      {QStringLiteral("the other mirror items of Finance"),
                       selectRow(mainWindow, QStringLiteral("mirrorItemsView"), QStringLiteral("GlueFinance"))},
                      {QStringLiteral("their health"), waitForText(mainWindow, QStringLiteral("Sync failed"))},
                      {QStringLiteral("a moment for the status bar"), waitMs(500)}},
                     false});
    fmc::FleetLoader demoFleetLoader(client, &browser);
    fmc::BulkActionRunner demoFleetRunner(client);
    std::unique_ptr<fmc::FleetWindow> demoFleet;
    shots.push_back({QStringLiteral("fleet-view-types"), QSize(1400, 760),
                     [&]() -> QWidget * {
                         demoFleet = std::make_unique<fmc::FleetWindow>(&demoFleetLoader, &demoFleetRunner);
                         return demoFleet.get();
                     },
                     {{QStringLiteral("every mirror, of every type"), [&] { return demoFleetLoader.model()->rowCount() >= 17; }},
                      {QStringLiteral("every status"), [&] {
                           return !demoFleetLoader.isLoading()
                                  && demoFleetLoader.model()->rollUp().value(fmc::FleetModel::Bucket::Loading) == 0;
                       }},
                      {QStringLiteral("the selection gated"), [&] {
                           // A catalog, a Databricks catalog and a SQL database picked with Ctrl.
                           QAbstractItemView *view = demoFleet->view();
                           for (int row = 0; row < view->model()->rowCount(); ++row) {
                               const QString name = view->model()->index(row, 0).data().toString();
                               if (name == QLatin1String("GlueFinance") || name == QLatin1String("UnitySales")
                                   || name == QLatin1String("OrdersDb"))
                                   view->selectionModel()->select(view->model()->index(row, 0),
                                                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);
                           }
                           return true;
                       }},
                      {QStringLiteral("a moment"), waitMs(800)}}});

    shots.push_back({QStringLiteral("about-dialog"), QSize(820, 420),
                     []() -> QWidget * {
                         auto *about = new fmc::AboutDialog;
                         about->setAttribute(Qt::WA_DeleteOnClose);
                         return about;
                     },
                     {{QStringLiteral("the licences"), [] { return true; }}}});

    if (!only.isEmpty()) {
        std::erase_if(shots, [&](const Shot &s) { return !only.contains(s.name); });
        missing.removeIf([&](const QString &name) { return !only.contains(name); });
    }
    for (const QString &name : missing)
        err() << "fmc-screenshots: " << name << ": its window is not in this build, left out\n";
    if (shots.empty()) {
        err() << "fmc-screenshots: nothing to render\n";
        return 1;
    }

    for (Shot &shot : shots)
        shot.name += suffix;
    Runner runner(std::move(shots), out, 30000);
    QTimer::singleShot(0, &runner, [&] { runner.start(); });
    return QApplication::exec();
}
