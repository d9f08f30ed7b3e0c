#include "app/api/fabricclient.h"
#include "app/auth/clientsecretcredential.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/workspacebrowser.h"
#include "models/mirroreddatabaselistmodel.h"
#include "models/workspacelistmodel.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"
#include "ui/mainwindow.h"

#include <QLabel>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include "ui/mainwindow/detailspane.h"

using namespace fmc;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void showsItsPanes();
    void browsesTheSandbox();
};

void TestMainWindow::showsItsPanes()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.findChild<QTableView *>(QStringLiteral("workspaceList")));
    QVERIFY(window.findChild<QTableView *>(QStringLiteral("mirroredDatabaseTable")));
    QVERIFY(window.findChild<DetailsPane *>(QStringLiteral("detailsPane")));
    QVERIFY(!window.statusBar()->currentMessage().isEmpty());
}

void TestMainWindow::browsesTheSandbox()
{
    sandbox::Sandbox sb;
    QVERIFY(sb.listen());
    SecretStore secrets;
    secrets.setKeychainEnabled(false);
    TokenSession session(&secrets);
    AuthConfig auth;
    auth.authority = sb.serverUrl();
    auth.tenant = sb.entra()->tenantId();
    auth.clientId = sandbox::EntraEmulator::defaultClientId();
    session.setCredential(new ClientSecretCredential(auth, sandbox::EntraEmulator::defaultClientSecret()));
    session.signIn();
    QTRY_COMPARE(session.state(), TokenSession::State::SignedIn);

    FabricClient::Config config;
    QUrl api = sb.serverUrl();
    api.setPath(QStringLiteral("/v1"));
    config.apiBaseUrl = api;
    FabricClient client(config, &session);
    WorkspaceBrowser browser(&client);
    MainWindow window;
    window.setBrowser(&browser);
    window.setSignedIn(session.identity().label(), api.toString());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    browser.reloadWorkspaces();

    auto *workspaces = window.findChild<QTableView *>(QStringLiteral("workspaceList"));
    auto *databases = window.findChild<QTableView *>(QStringLiteral("mirroredDatabaseTable"));
    QTRY_COMPARE(workspaces->model()->rowCount(), int(sb.state()->workspaces().size()));

    // Click "Operations" and see its mirrored databases, with their status.
    int row = -1;
    for (int r = 0; r < workspaces->model()->rowCount(); ++r)
        if (workspaces->model()->index(r, WorkspaceListModel::Name).data().toString() == QLatin1String("Operations"))
            row = r;
    QVERIFY(row >= 0);
    const QModelIndex index = workspaces->model()->index(row, WorkspaceListModel::Name);
    QTest::mouseClick(workspaces->viewport(), Qt::LeftButton, {}, workspaces->visualRect(index).center());
    const QString opsId = browser.workspaces()->rowAt(row).id;
    const int expected = int(sb.state()->mirrors(opsId).size());
    QVERIFY(expected > 0);
    auto rowsOf = [&] {
        int n = 0;
        for (int r = 0; r < databases->model()->rowCount(); ++r)
            if (databases->model()->index(r, 0).data(MirroredDatabaseListModel::WorkspaceIdRole).toString() == opsId)
                ++n;
        return n;
    };
    QTRY_COMPARE(rowsOf(), expected);
    QStringList health;
    QTRY_VERIFY([&] {
        health.clear();
        for (int r = 0; r < databases->model()->rowCount(); ++r)
            health << databases->model()->index(r, MirroredDatabaseListModel::Health).data().toString();
        return !health.contains(QString());
    }());
    QVERIFY2(health.contains(QStringLiteral("Initialized")), qPrintable(health.join(u',')));
    auto *signedIn = window.findChild<QLabel *>(QStringLiteral("signedInLabel"));
    QVERIFY(signedIn && signedIn->text().contains(api.toString()));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
