// fmc-screenshots: renders the console's windows, filled with the demo data of an in-process
// fabric-sandbox, to PNG files for the README and the AppStream metadata (docs/screenshots/).
//
//   fmc-screenshots OUTPUT_DIRECTORY [NAME...]
//
// scripts/screenshots.sh runs it under Xvfb; the screenshots_render test runs it offscreen. The
// Fusion style and a fixed font keep the pictures independent of whoever makes them, and a
// temporary XDG_CONFIG_HOME keeps the user's settings and window geometry out (and untouched).
//
// Each shot opens its window, then waits, step by step, for what the picture must show (rows
// from the sandbox, a selected database, a loaded definition). A step that is not reached within
// the time limit fails the run, so a window that renders empty is an error, not a picture.
// A window that is not on main yet is left out (its header is missing) and reported.
#include "app/api/fabricclient.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"
#include "ui/aboutdialog.h"

#if __has_include("ui/consolecontroller.h")
#include "app/auth/tokensession.h"
#include "ui/consolecontroller.h"
#include "ui/mainwindow.h"
#include "ui/settings/settingsdialog.h"
#include "ui/signin/signindialog.h"
#define FMC_SHOTS_CONSOLE 1
#endif
#if __has_include("ui/definitioneditorlauncher.h")
#include "ui/definitioneditor.h"
#include "ui/definitioneditorlauncher.h"
#define FMC_SHOTS_EDITOR 1
#endif
#if __has_include("ui/dashboard/dashboardwindow.h")
#include "ui/dashboard/dashboardwindow.h"
#define FMC_SHOTS_DASHBOARD 1
#endif

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFont>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSettings>
#include <QStyleFactory>
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
[[maybe_unused]] Step selectRow(const std::function<QWidget *()> &window, const QString &objectName, const QString &text)
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
[[maybe_unused]] Step waitForText(const std::function<QWidget *()> &window, const QString &text)
{
    return [=] {
        QWidget *w = window();
        return w && showsText(w, text);
    };
}

//! A step that lets \a ms of wall time pass (charts and rates need two refreshes).
[[maybe_unused]] Step waitMs(qint64 ms)
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

int main(int argc, char *argv[])
{
    // Settings, window geometry and the like go to a directory of our own, never the user's.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("fabric-mirroring-console"));
    QApplication::setOrganizationName(QStringLiteral("FabricMirroringConsole"));
    QApplication::setApplicationDisplayName(QStringLiteral("Fabric Mirroring Console"));
    QApplication::setApplicationVersion(QStringLiteral(FMC_VERSION));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));
    QApplication::setWindowIcon(fmc::AboutDialog::applicationIcon());
    // Shots close their windows as they go; the run ends when the last shot is written.
    QApplication::setQuitOnLastWindowClosed(false);

    QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        err() << "usage: fmc-screenshots OUTPUT_DIRECTORY [NAME...]\n";
        return 2;
    }
    const QDir out(args.at(1));
    const QStringList only = args.mid(2);
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
    [[maybe_unused]] const Demo demo{&sandbox};

    std::vector<Shot> shots;
    QStringList missing;

#ifdef FMC_SHOTS_CONSOLE
    QSettings settings(config.filePath(QStringLiteral("screenshots.conf")), QSettings::IniFormat);
    fmc::ConsoleController console(&settings);
    fmc::ConsoleController::SandboxEndpoints endpoints;
    endpoints.apiBaseUrl = sandbox.serverUrl().resolved(QUrl(QStringLiteral("/v1")));
    endpoints.auth.authority = sandbox.serverUrl();
    endpoints.auth.tenant = sandbox.entra()->tenantId();
    endpoints.auth.clientId = fmc::sandbox::EntraEmulator::defaultPublicClientId();
    endpoints.servicePrincipalId = fmc::sandbox::EntraEmulator::defaultClientId();
    endpoints.servicePrincipalSecret = fmc::sandbox::EntraEmulator::defaultClientSecret();
    console.useSandbox(endpoints);
    console.setKeychainEnabled(false);
    console.start();
    fmc::FabricClient *client = console.client();
    const std::function<QWidget *()> mainWindow = [&console]() -> QWidget * { return console.mainWindow(); };

    shots.push_back({QStringLiteral("main-window"), QSize(1400, 820), mainWindow,
                     {{QStringLiteral("the workspaces"), selectRow(mainWindow, QStringLiteral("workspaceList"),
                                                                   QStringLiteral("Sales Analytics"))},
                      {QStringLiteral("the mirrored databases of Sales Analytics"),
                       selectRow(mainWindow, QStringLiteral("mirroredDatabaseTable"), QStringLiteral("SalesMirror"))},
                      {QStringLiteral("the details of SalesMirror"),
                       waitForText([&console]() -> QWidget * {
                           auto *w = console.mainWindow();
                           return w ? w->findChild<QWidget *>(QStringLiteral("detailsPane")) : nullptr;
                       }, demo.mirrorId(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror")))},
                      {QStringLiteral("the live status"), waitForText(mainWindow, QStringLiteral("Running"))},
                      {QStringLiteral("a moment for the status bar"), waitMs(500)}},
                     false});

    // The sign-in dialog on its own session, so that the console stays signed in; device code is
    // the page with the most to show once the code has arrived.
    fmc::TokenSession signInSession;
    std::unique_ptr<fmc::SignInDialog> signIn;
    const std::function<QWidget *()> signInWindow = [&]() -> QWidget * { return signIn.get(); };
    shots.push_back({QStringLiteral("sign-in-dialog"), QSize(760, 520),
                     [&]() -> QWidget * {
                         signIn = std::make_unique<fmc::SignInDialog>(&signInSession, endpoints.auth);
                         signIn->setUrlOpener([](const QUrl &) { return true; });
                         signIn->setMethod(fmc::Credential::Kind::DeviceCode);
                         QTimer::singleShot(0, signIn.get(), [&] { signIn->startSignIn(); });
                         return signIn.get();
                     },
                     {{QStringLiteral("the device code"), [&] {
                           const auto *code = signIn ? signIn->findChild<QLabel *>(QStringLiteral("userCodeLabel")) : nullptr;
                           return code && code->isVisible() && !code->text().isEmpty();
                       }}}});

    shots.push_back({QStringLiteral("settings-dialog"), QSize(620, 360),
                     [&]() -> QWidget * {
                         console.showSettings();
                         return console.settingsDialog();
                     },
                     {{QStringLiteral("the API base URL"), waitForText([&]() -> QWidget * { return console.settingsDialog(); },
                                                                       QStringLiteral("https://"))}}});
#else
    missing << QStringLiteral("main-window") << QStringLiteral("sign-in-dialog") << QStringLiteral("settings-dialog");
    fmc::FabricClient *client = nullptr;
#endif

#if defined(FMC_SHOTS_EDITOR) && defined(FMC_SHOTS_CONSOLE)
    QPointer<fmc::DefinitionEditor> editor;
    const std::function<QWidget *()> editorWindow = [&]() -> QWidget * { return editor.data(); };
    shots.push_back({QStringLiteral("definition-editor-create"), QSize(1180, 800),
                     [&]() -> QWidget * {
                         editor = fmc::DefinitionEditorLauncher::openCreate(
                             client, demo.workspaceId(QStringLiteral("Sales Analytics")));
                         return editor.data();
                     },
                     {{QStringLiteral("the connections"), waitForText(editorWindow, QStringLiteral("contoso-sales"))},
                      {QStringLiteral("a name typed in"), [&] {
                           auto *name = editor ? editor->findChild<QLineEdit *>(QStringLiteral("name")) : nullptr;
                           if (!name)
                               return false;
                           name->setText(QStringLiteral("InventoryMirror"));
                           Q_EMIT name->textEdited(name->text());
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

#if defined(FMC_SHOTS_DASHBOARD) && defined(FMC_SHOTS_CONSOLE)
    std::unique_ptr<fmc::DashboardWindow> dashboard;
    const std::function<QWidget *()> dashboardWindow = [&]() -> QWidget * { return dashboard.get(); };
    const auto watched = [&](const QString &workspace, const QString &name) {
        return fmc::WatchedDatabase{demo.workspaceId(workspace), demo.mirrorId(workspace, name), name};
    };
    shots.push_back({QStringLiteral("dashboard-one"), QSize(1400, 860),
                     [&]() -> QWidget * {
                         dashboard = std::make_unique<fmc::DashboardWindow>(client);
                         dashboard->watch({watched(QStringLiteral("Operations"), QStringLiteral("SensorLanding"))});
                         return dashboard.get();
                     },
                     {{QStringLiteral("the tables"), waitForText(dashboardWindow, QStringLiteral("legacy_sensors"))},
                      {QStringLiteral("a second refresh for the rates"), waitMs(2500)}}});
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
#else
    missing << QStringLiteral("dashboard-one") << QStringLiteral("dashboard-many");
#endif

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

    Runner runner(std::move(shots), out, 30000);
    QTimer::singleShot(0, &runner, [&] { runner.start(); });
    return QApplication::exec();
}
