// Profiles in the console (issue #21), through ConsoleController against in-process sandboxes:
// the upgrade at first start, the strip on every window and dialog, the production question
// (it appears, names the profile, and Cancel sends nothing), the profile manager, and a second
// profile signed in at once with a main window of its own.

#include "app/auth/secretstore.h" // tokensession.h's inline secretStore() needs the whole type
#include "app/auth/tokensession.h"
#include "app/main/consolecontroller.h"
#include "app/profiles/profilesession.h"
#include "app/profiles/profilesessions.h"
#include "app/profiles/profilestore.h"
#include "app/settings/consolesettings.h"
#include "models/mirroreddatabaselistmodel.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/profiles/productiongate.h"
#include "ui/profiles/profiledecorator.h"
#include "ui/profiles/profilemanagerdialog.h"
#include "ui/profiles/profilestrip.h"
#include "ui/settings/settingsdialog.h"
#include "tests/support/contrast.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;

namespace {

constexpr double kSpeed = 40.0;

// The visible top-level message box or dialog named \a name, waiting a few seconds for it.
template <typename T = QWidget>
T *visibleWindow(const QString &name)
{
    T *found = nullptr;
    (void)QTest::qWaitFor([&] {
        const auto widgets = QApplication::topLevelWidgets();
        for (QWidget *w : widgets)
            if (w->objectName() == name && w->isVisible())
                found = qobject_cast<T *>(w);
        return found != nullptr;
    }, 5000);
    return found;
}

ProfileStrip *stripOf(QWidget *window)
{
    return ProfileDecorator::stripOf(window);
}

int stopRequests(const sandbox::Sandbox &sandbox)
{
    int count = 0;
    for (const auto &entry : sandbox.requestLog())
        count += entry.operationId == QLatin1String("Mirroring_StopMirroring");
    return count;
}

} // namespace

class TestProfilesUi : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<sandbox::Sandbox> m_second;

    ConsoleController::SandboxEndpoints endpoints() const
    {
        ConsoleController::SandboxEndpoints e;
        e.apiBaseUrl = m_sandbox->serverUrl().resolved(QUrl(QStringLiteral("/v1")));
        e.auth.authority = m_sandbox->serverUrl();
        e.auth.tenant = m_sandbox->entra()->tenantId();
        e.auth.clientId = sandbox::EntraEmulator::defaultPublicClientId();
        e.auth.speed = kSpeed;
        e.servicePrincipalId = sandbox::EntraEmulator::defaultClientId();
        e.servicePrincipalSecret = sandbox::EntraEmulator::defaultClientSecret();
        return e;
    }

    //! A console on the settings file \a name, started against the sandbox, signed in.
    std::unique_ptr<ConsoleController> startConsole(QSettings *settings, const QString &profile = {})
    {
        auto console = std::make_unique<ConsoleController>(settings);
        ConsoleOptions options;
        options.profile = profile;
        console->setCommandLine(options);
        console->useSandbox(endpoints());
        QSignalSpy signedIn(console.get(), &ConsoleController::signedIn);
        console->start();
        if (!QTest::qWaitForWindowExposed(console->mainWindow()) || !signedIn.wait(10000))
            return nullptr;
        return console;
    }

    //! A settings file of today's format with one production profile added ("PROD").
    Profile addProduction(QSettings &settings)
    {
        ConsoleSettings today;
        today.refreshIntervalSeconds = 2;
        today.save(settings);
        ProfileStore store(&settings);
        store.migrateLegacySettings();
        Profile prod;
        prod.id = Profile::newId();
        prod.name = QStringLiteral("Contoso production");
        prod.label = QStringLiteral("PROD");
        prod.production = true;
        prod.colour = Profile::productionColour();
        store.save(prod);
        return prod;
    }

    bool selectRunningMirror(MainWindow *window, QString *name)
    {
        // A Running mirror of the sandbox, and its workspace, picked as a user would.
        QString workspace;
        for (const auto &ws : m_sandbox->state()->workspaces())
            for (const auto *m : m_sandbox->state()->mirrors(ws.id))
                if (m->status == QLatin1String("Running") && workspace.isEmpty()) {
                    workspace = ws.displayName;
                    *name = m->displayName;
                }
        const auto select = [](QTableView *view, int column, const QString &text) {
            if (!view)
                return false;
            QAbstractItemModel *model = view->model();
            for (int r = 0; r < model->rowCount(); ++r) {
                const QModelIndex index = model->index(r, column);
                if (index.data().toString() == text) {
                    view->setCurrentIndex(index);
                    view->selectRow(r);
                    return true;
                }
            }
            return false;
        };
        auto *workspaces = window->findChild<QTableView *>(QStringLiteral("workspaceList"));
        auto *databases = window->findChild<QTableView *>(QStringLiteral("mirroredDatabaseTable"));
        return !workspace.isEmpty()
            && QTest::qWaitFor([&] { return select(workspaces, 0, workspace); }, 15000)
            && QTest::qWaitFor([&] { return select(databases, MirroredDatabaseListModel::Name, *name); }, 15000);
    }

private Q_SLOTS:
    void initTestCase();
    void upgradeAtFirstStartOnce();
    void labelOnWindowsDashboardsAndDialogs();
    void productionQuestion_data();
    void productionQuestion();
    void nonProductionAsksNothingMore();
    void stripReadable_data();
    void stripReadable();
    void managerSignsInASecondProfileWithItsOwnWindow();
};

void TestProfilesUi::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    sandbox::SandboxOptions options;
    options.speed = kSpeed;
    m_sandbox = std::make_unique<sandbox::Sandbox>(options);
    QVERIFY(m_sandbox->listen());
    options.seed = 2;
    options.tenantId = QStringLiteral("22222222-0000-4000-8000-0000000000d0");
    m_second = std::make_unique<sandbox::Sandbox>(options);
    QVERIFY(m_second->listen());
}

void TestProfilesUi::upgradeAtFirstStartOnce()
{
    QSettings settings(m_dir.filePath(QStringLiteral("upgrade.ini")), QSettings::IniFormat);
    ConsoleSettings today;
    today.tenant = QStringLiteral("contoso.onmicrosoft.com");
    today.refreshIntervalSeconds = 2;
    today.lastAccount = QStringLiteral("ops@contoso.com");
    today.save(settings);
    QString firstId;
    {
        auto console = startConsole(&settings);
        QVERIFY(console);
        QCOMPARE(console->profiles()->profiles().size(), 1);
        firstId = console->profile().id;
        QCOMPARE(console->profile().tenant, today.tenant);
        QCOMPARE(console->profile().account, today.lastAccount);
        ProfileStrip *strip = stripOf(console->mainWindow());
        QVERIFY(strip && strip->isVisible());
        QCOMPARE(strip->text(), QStringLiteral("Default"));
        QVERIFY(console->mainWindow()->windowTitle().startsWith(QStringLiteral("Default — ")));
    }
    auto again = startConsole(&settings);
    QVERIFY(again);
    QCOMPARE(again->profiles()->profiles().size(), 1);
    QCOMPARE(again->profile().id, firstId);
    QCOMPARE(ConsoleSettings::load(settings).refreshIntervalSeconds, 2);
}

void TestProfilesUi::labelOnWindowsDashboardsAndDialogs()
{
    QSettings settings(m_dir.filePath(QStringLiteral("labels.ini")), QSettings::IniFormat);
    const Profile prod = addProduction(settings);
    auto console = startConsole(&settings, QStringLiteral("prod"));
    QVERIFY(console);
    QCOMPARE(console->profile().id, prod.id);
    ProfileStrip *strip = stripOf(console->mainWindow());
    QVERIFY(strip && strip->isVisible());
    QVERIFY2(strip->text().startsWith(QStringLiteral("PROD · PRODUCTION")), qPrintable(strip->text()));
    QCOMPARE(strip->palette().color(QPalette::Window), Profile::productionColour());

    // A dashboard, top-level, and the settings dialog, opened from the window.
    QList<WatchedDatabase> watched;
    const auto &ws = m_sandbox->state()->workspaces().front();
    for (const auto *m : m_sandbox->state()->mirrors(ws.id))
        watched.append({ws.id, m->id, m->displayName});
    console->openDashboard(watched.mid(0, 1));
    DashboardWindow *dashboard = console->dashboards().constLast();
    QVERIFY(QTest::qWaitForWindowExposed(dashboard));
    QVERIFY(stripOf(dashboard) && stripOf(dashboard)->isVisible());
    QVERIFY(stripOf(dashboard)->text().startsWith(QStringLiteral("PROD")));
    QVERIFY(dashboard->windowTitle().startsWith(QStringLiteral("PROD — ")));

    console->mainWindow()->findChild<QAction *>(QStringLiteral("actionSettings"))->trigger();
    QTRY_VERIFY(console->settingsDialog() && console->settingsDialog()->isVisible());
    ProfileStrip *dialogStrip = stripOf(console->settingsDialog());
    QVERIFY(dialogStrip && dialogStrip->isVisible());
    QVERIFY(dialogStrip->text().startsWith(QStringLiteral("PROD")));
    QVERIFY(console->settingsDialog()->windowTitle().startsWith(QStringLiteral("PROD — ")));
    console->settingsDialog()->reject();
}

void TestProfilesUi::productionQuestion_data()
{
    QTest::addColumn<bool>("confirm");
    QTest::addRow("cancel sends nothing") << false;
    QTest::addRow("yes stops") << true;
}

void TestProfilesUi::productionQuestion()
{
    QFETCH(bool, confirm);
    QSettings settings(m_dir.filePath(QStringLiteral("question-%1.ini").arg(confirm)), QSettings::IniFormat);
    addProduction(settings);
    auto console = startConsole(&settings, QStringLiteral("PROD"));
    QVERIFY(console);
    QString name;
    QVERIFY(selectRunningMirror(console->mainWindow(), &name));
    const int before = stopRequests(*m_sandbox);

    QAction *stop = console->mainWindow()->findChild<QAction *>(QStringLiteral("actionStop"));
    QTRY_VERIFY(stop->isEnabled());
    stop->trigger();
    auto *first = visibleWindow<QMessageBox>(QStringLiteral("stopConfirmation"));
    QVERIFY(first);
    QTest::mouseClick(first->button(QMessageBox::Yes), Qt::LeftButton);

    // Once more, naming the profile and the action; Cancel is the default.
    auto *box = visibleWindow<QMessageBox>(ProductionGate::boxName());
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("Contoso production")), qPrintable(box->text()));
    QVERIFY(box->text().contains(name));
    QVERIFY(box->text().contains(QStringLiteral("Stop mirroring")));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    QCOMPARE(box->button(QMessageBox::Yes)->text(), QStringLiteral("Yes, in PROD"));
    QVERIFY(stripOf(box) && stripOf(box)->isVisible()); // the question itself carries the red strip
    QTest::mouseClick(box->button(confirm ? QMessageBox::Yes : QMessageBox::Cancel), Qt::LeftButton);
    if (confirm) {
        QTRY_COMPARE_WITH_TIMEOUT(stopRequests(*m_sandbox), before + 1, 10000);
    } else {
        // The request would leave at once; give the event loop a moment to prove it did not.
        QTest::qWait(300);
        QCOMPARE(stopRequests(*m_sandbox), before);
    }
}

void TestProfilesUi::nonProductionAsksNothingMore()
{
    QWidget plain;
    int ran = 0;
    ProductionGate::confirm(&plain, QStringLiteral("Stop"), [&] { ++ran; });
    QCOMPARE(ran, 1); // no profile: straight on
}

void TestProfilesUi::stripReadable_data()
{
    QTest::addColumn<QColor>("colour");
    QTest::addRow("production red") << Profile::productionColour();
    QTest::addRow("default blue") << Profile::defaultColour();
    QTest::addRow("yellow") << QColor(Qt::yellow);
    QTest::addRow("mid grey") << QColor(QStringLiteral("#777777"));
    QTest::addRow("black") << QColor(Qt::black);
    QTest::addRow("white") << QColor(Qt::white);
    QTest::addRow("green") << QColor(QStringLiteral("#2e7d32"));
}

void TestProfilesUi::stripReadable()
{
    QFETCH(QColor, colour);
    Profile p;
    p.id = Profile::newId();
    p.name = QStringLiteral("Any");
    p.colour = colour;
    // Whatever the desktop's palette (light or dark), the strip paints its own colours.
    for (const QColor &window : {QColor(Qt::white), QColor(QStringLiteral("#202020"))}) {
        QPalette palette;
        palette.setColor(QPalette::Window, window);
        palette.setColor(QPalette::WindowText, window.lightness() > 128 ? Qt::black : Qt::white);
        QWidget host;
        host.setPalette(palette);
        ProfileStrip strip(p, &host);
        const double ratio = test::contrast(strip.palette().color(QPalette::WindowText), strip.palette().color(QPalette::Window));
        QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1 on %2: %3").arg(strip.palette().color(QPalette::WindowText).name(), colour.name()).arg(ratio)));
        QVERIFY(strip.autoFillBackground());
    }
}

void TestProfilesUi::managerSignsInASecondProfileWithItsOwnWindow()
{
    QSettings settings(m_dir.filePath(QStringLiteral("manager.ini")), QSettings::IniFormat);
    ConsoleSettings today;
    today.refreshIntervalSeconds = 2;
    today.save(settings);
    auto console = startConsole(&settings);
    QVERIFY(console);

    // File ▸ Profiles…: a new profile typed in, marked production, saved.
    console->mainWindow()->findChild<QAction *>(QStringLiteral("actionProfiles"))->trigger();
    QTRY_VERIFY(console->profileManager() && console->profileManager()->isVisible());
    ProfileManagerDialog *manager = console->profileManager();
    QVERIFY(stripOf(manager) && stripOf(manager)->isVisible()); // the window's profile strip too
    QTest::mouseClick(manager->findChild<QPushButton *>(QStringLiteral("profileNew")), Qt::LeftButton);
    auto *name = manager->findChild<QLineEdit *>(QStringLiteral("profileName"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Fabrikam prod"));
    QTest::keyClicks(manager->findChild<QLineEdit *>(QStringLiteral("profileLabel")), QStringLiteral("FAB"));
    auto *api = manager->findChild<QLineEdit *>(QStringLiteral("profileApiUrl"));
    api->selectAll();
    QTest::keyClicks(api, QStringLiteral("http://example.com/v1")); // bad: plain http to a remote host
    auto *production = manager->findChild<QCheckBox *>(QStringLiteral("profileProduction"));
    QTest::mouseClick(production, Qt::LeftButton, {}, QPoint(8, production->height() / 2));
    QVERIFY(production->isChecked());
    QCOMPARE(manager->findChild<ProfileStrip *>(QStringLiteral("profilePreview"))->palette().color(QPalette::Window),
             Profile::productionColour());
    auto *save = manager->findChild<QPushButton *>(QStringLiteral("profileSave"));
    QTest::mouseClick(save, Qt::LeftButton);
    // Refused with a sentence; what was typed stays.
    QVERIFY(manager->findChild<QLabel *>(QStringLiteral("profileProblems"))->text().contains(QStringLiteral("https")));
    QCOMPARE(console->profiles()->profiles().size(), 1);
    QCOMPARE(name->text(), QStringLiteral("Fabrikam prod"));
    const QString api2 = m_second->serverUrl().resolved(QUrl(QStringLiteral("/v1"))).toString();
    api->selectAll();
    QTest::keyClicks(api, api2);
    auto *authority = manager->findChild<QLineEdit *>(QStringLiteral("profileAuthority"));
    authority->selectAll();
    QTest::keyClicks(authority, m_second->serverUrl().toString());
    auto *tenant = manager->findChild<QLineEdit *>(QStringLiteral("profileTenant"));
    tenant->selectAll();
    QTest::keyClicks(tenant, m_second->entra()->tenantId());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(console->profiles()->profiles().size(), 2);
    Profile fabrikam = *console->profiles()->find(QStringLiteral("FAB"));
    QVERIFY(fabrikam.production);
    QCOMPARE(fabrikam.apiBaseUrl.toString(), api2);

    // It signed in before as the second tenant's service principal: the secret is in the keychain.
    fabrikam.signInMethod = QStringLiteral("client-secret");
    fabrikam.servicePrincipalId = sandbox::EntraEmulator::defaultClientId();
    fabrikam.servicePrincipalTenant = m_second->entra()->tenantId();
    console->profiles()->save(fabrikam);
    AuthConfig principal = fabrikam.authConfig();
    principal.tenant = fabrikam.servicePrincipalTenant;
    principal.clientId = fabrikam.servicePrincipalId;
    console->secretStore()->write(fabrikam.keyPrefix() + TokenSession::clientSecretKey(principal),
                                  sandbox::EntraEmulator::defaultClientSecret());

    manager->select(fabrikam.id);
    auto *signIn = manager->findChild<QPushButton *>(QStringLiteral("profileSignIn"));
    QTRY_VERIFY(signIn->isEnabled());
    QTest::mouseClick(signIn, Qt::LeftButton);
    auto *openWindow = manager->findChild<QPushButton *>(QStringLiteral("profileOpenWindow"));
    QTRY_VERIFY_WITH_TIMEOUT(openWindow->isEnabled(), 10000);

    // Both profiles signed in at once: what promote will offer.
    const auto targets = console->profileSessions()->signedIn();
    QCOMPARE(targets.size(), 2);
    QCOMPARE(targets[1].label, QStringLiteral("FAB"));
    QVERIFY(targets[1].production);
    QVERIFY(targets[0].client != targets[1].client);

    QTest::mouseClick(openWindow, Qt::LeftButton);
    QCOMPARE(console->profileWindows().size(), 1);
    MainWindow *second = console->profileWindows().constFirst();
    QVERIFY(QTest::qWaitForWindowExposed(second));
    QVERIFY(stripOf(second) && stripOf(second)->text().startsWith(QStringLiteral("FAB · PRODUCTION")));
    // It lists the second tenant's workspaces.
    auto *workspaces = second->findChild<QTableView *>(QStringLiteral("workspaceList"));
    QTRY_COMPARE_WITH_TIMEOUT(workspaces->model()->rowCount(), int(m_second->state()->workspaces().size()), 10000);
    bool hasAuthorizedCall = false;
    for (const auto &entry : m_second->requestLog())
        hasAuthorizedCall = hasAuthorizedCall || (entry.pathAndQuery.startsWith(QLatin1String("/v1/workspaces")) && entry.hadAuthorization);
    QVERIFY(hasAuthorizedCall);

    // The first window's profile cannot be deleted from here; the second one can, and its window goes.
    manager->select(console->profile().id);
    QVERIFY(!manager->findChild<QPushButton *>(QStringLiteral("profileDelete"))->isEnabled());
    manager->select(fabrikam.id);
    QTest::mouseClick(manager->findChild<QPushButton *>(QStringLiteral("profileDelete")), Qt::LeftButton);
    auto *ask = visibleWindow<QMessageBox>(QStringLiteral("profileDeleteConfirmation"));
    QVERIFY(ask);
    QTest::mouseClick(ask->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE(console->profiles()->profiles().size(), 1);
    QTRY_COMPARE(console->profileWindows().size(), 0);
    QCOMPARE(console->profileSessions()->signedIn().size(), 1);
}

QTEST_MAIN(TestProfilesUi)
#include "tst_profiles_ui.moc"
