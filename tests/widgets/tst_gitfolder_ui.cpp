// Database ▸ Export to / Import from Git folder in a window (issue #21): the actions' gating, the
// import's confirmation clicked with the mouse (what it names, Cancel sends nothing), a bad folder
// refused with a sentence, progress shown and Cancel clicked during an export, and the main window
// offering both actions in its Database menu. The calls go to fabric-sandbox over loopback.
#include "app/gitfolder/gitfolderfiles.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"
#include "ui/gitfolder/gitfoldercontrol.h"
#include "ui/mainwindow/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

namespace {

const QString kForeign = QStringLiteral(FMC_TEST_DATA_DIR "/gitfolder/foreign/Sales Orders.MirroredDatabase");

} // namespace

class TestGitFolderUi : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    std::unique_ptr<QWidget> m_window;
    GitFolderControl *m_control = nullptr;
    GitFolderControl::Subject m_subject;
    QString m_chosen;
    QTemporaryDir m_repo;

    MirroredDatabase database(const QString &workspace, const QString &name) const
    {
        const FabricState::Mirror *m = m_fx.mirrorNamed(workspace, name);
        MirroredDatabase db;
        if (m) {
            db.id = m->id;
            db.workspaceId = m->workspaceId;
            db.displayName = m->displayName;
        }
        return db;
    }
    int calls(const QString &operationId) const
    {
        int n = 0;
        for (const RequestLogEntry &e : m_fx.apiLog())
            n += e.operationId == operationId;
        return n;
    }
    void click(QMessageBox *box, QMessageBox::ButtonRole role)
    {
        for (QAbstractButton *button : box->buttons())
            if (box->buttonRole(button) == role) {
                QTest::mouseClick(button, Qt::LeftButton);
                return;
            }
        QFAIL("no such button");
    }

private slots:
    void init()
    {
        SandboxOptions options;
        options.speed = 100;
        options.lroMode = LroMode::Never;
        QVERIFY(m_fx.up(options));
        m_window = std::make_unique<QWidget>();
        m_control = new GitFolderControl(new GitFolderTransfer(m_fx.client, m_window.get()), m_window.get());
        auto *layout = new QVBoxLayout(m_window.get());
        for (QAction *action : {m_control->exportAction(), m_control->importAction()}) {
            auto *button = new QToolButton;
            button->setDefaultAction(action);
            layout->addWidget(button);
        }
        m_subject = {};
        m_subject.signedIn = true;
        m_subject.database = database(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
        m_subject.workspaceId = m_fx.mirrorNamed(QStringLiteral("Finance"), QStringLiteral("LedgerMirror"))->workspaceId;
        m_subject.workspaceName = QStringLiteral("Finance");
        m_control->setSubjectProvider([this] { return m_subject; });
        m_control->setFolderChooser([this](GitFolderControl::Choice) { return m_chosen; });
        m_control->updateActions();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_fx.sandbox->clearRequestLog();
    }
    void cleanup()
    {
        m_window.reset();
        m_fx.down();
    }

    void gating_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<bool>("exportEnabled");
        QTest::addColumn<bool>("importEnabled");
        QTest::addColumn<QString>("reason");
        QTest::newRow("a database and a workspace") << "" << true << true << "";
        QTest::newRow("no database selected") << "no database" << false << true << "select one mirrored database";
        QTest::newRow("no workspace") << "no workspace" << true << false << "select a workspace";
        QTest::newRow("Viewer") << "viewer" << true << false << "Viewer";
        QTest::newRow("signed out") << "signed out" << false << false << "sign in first";
    }
    void gating()
    {
        QFETCH(QString, change);
        QFETCH(bool, exportEnabled);
        QFETCH(bool, importEnabled);
        QFETCH(QString, reason);
        if (change == QLatin1String("no database"))
            m_subject.database.reset();
        else if (change == QLatin1String("no workspace"))
            m_subject.workspaceId.clear();
        else if (change == QLatin1String("viewer"))
            m_subject.cannotWrite = QStringLiteral("your role in Shared Reports is Viewer");
        else if (change == QLatin1String("signed out"))
            m_subject.signedIn = false;
        m_control->updateActions();
        QCOMPARE(m_control->exportAction()->isEnabled(), exportEnabled);
        QCOMPARE(m_control->importAction()->isEnabled(), importEnabled);
        if (!reason.isEmpty()) {
            const QString tips = m_control->exportAction()->toolTip() + m_control->importAction()->toolTip();
            QVERIFY2(tips.contains(reason), qPrintable(tips));
        }
    }

    void importAsksFirstAndNamesWhatItWillNotSend()
    {
        m_chosen = kForeign;
        m_control->importAction()->trigger();
        QMessageBox *box = m_control->messageBox();
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("Sales Orders")));
        QVERIFY(box->text().contains(QStringLiteral("Finance")));
        QVERIFY(box->informativeText().contains(QStringLiteral("README.md")));
        QVERIFY(box->informativeText().contains(QStringLiteral("deploy/notes.txt")));
        QCOMPARE(box->textFormat(), Qt::PlainText);
        // Cancel: nothing is sent.
        click(box, QMessageBox::RejectRole);
        QTest::qWait(100);
        QCOMPARE(m_fx.apiLog().size(), 0);

        // Import: created in Finance, the window told.
        m_control->importAction()->trigger();
        QSignalSpy imported(m_control, &GitFolderControl::imported);
        QSignalSpy message(m_control, &GitFolderControl::message);
        click(m_control->messageBox(), QMessageBox::AcceptRole);
        QVERIFY(QTest::qWaitFor([&] { return !imported.isEmpty(); }, 10000));
        QCOMPARE(imported.first().at(0).toString(), m_subject.workspaceId);
        QVERIFY(imported.first().at(2).toBool());
        QVERIFY(m_fx.sandbox->state()->mirror(m_subject.workspaceId, imported.first().at(1).toString()));
        QVERIFY(message.last().at(0).toString().contains(QStringLiteral("Created Sales Orders")));
        QVERIFY(!message.last().at(1).toBool());
        QCOMPARE(calls(QStringLiteral("Items_CreateMirroredDatabase")), 1);
    }

    void badFolderIsRefusedWithASentence()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("mirroring.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"properties\":");
        file.close();
        m_chosen = dir.path();
        QSignalSpy message(m_control, &GitFolderControl::message);
        m_control->importAction()->trigger();
        QMessageBox *box = m_control->messageBox();
        QVERIFY(box);
        QCOMPARE(box->icon(), QMessageBox::Warning);
        QVERIFY2(box->text().contains(QStringLiteral("mirroring.json is not a definition")), qPrintable(box->text()));
        QCOMPARE(message.size(), 1);
        QVERIFY(message.first().at(1).toBool());
        click(box, QMessageBox::AcceptRole);
        QCOMPARE(m_fx.apiLog().size(), 0);
        // The folder is as it was.
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("{\"properties\":"));
    }

    void exportShowsProgressAndCancels()
    {
        m_fx.sandbox->setLroMode(LroMode::Always);
        m_fx.sandbox->pauseClock(); // the operation waits for the click, however loaded the machine
        m_chosen = m_repo.path();
        QSignalSpy message(m_control, &GitFolderControl::message);
        m_control->exportAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return m_control->progressDialog() && m_control->progressDialog()->isVisible(); }, 5000));
        QVERIFY(!m_control->exportAction()->isEnabled()); // one task at a time
        QVERIFY(m_control->exportAction()->toolTip().contains(QStringLiteral("running")));
        QVERIFY(QTest::qWaitFor([&] { return calls(QStringLiteral("Items_GetMirroredDatabaseDefinition")) == 1; }, 5000));
        auto *cancel = m_control->progressDialog()->findChild<QPushButton *>();
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return !message.isEmpty(); }, 5000));
        QVERIFY(message.last().at(0).toString().contains(QStringLiteral("cancelled")));
        QVERIFY(QTest::qWaitFor([&] { return !m_control->progressDialog(); }, 5000));
        QVERIFY(m_control->exportAction()->isEnabled());
        QVERIFY(QDir(m_repo.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());

        // Again, to its end: the folder is there.
        m_fx.sandbox->resumeClock();
        m_fx.sandbox->setLroMode(LroMode::Never);
        m_control->exportAction()->trigger();
        QVERIFY(QTest::qWaitFor([&] { return message.size() == 2; }, 10000));
        QVERIFY2(message.last().at(0).toString().startsWith(QStringLiteral("Exported SalesMirror")), qPrintable(message.last().at(0).toString()));
        QVERIFY(QFileInfo::exists(QDir(m_repo.path()).filePath(QStringLiteral("SalesMirror.MirroredDatabase/mirroring.json"))));
    }

    void mainWindowOffersBoth()
    {
        MainWindow window;
        QMenu *database = nullptr;
        for (QAction *menu : window.menuBar()->actions())
            if (menu->menu() && menu->text().remove(u'&') == QLatin1String("Database"))
                database = menu->menu();
        QVERIFY(database);
        QVERIFY(database->actions().contains(window.gitFolderControl()->exportAction()));
        QVERIFY(database->actions().contains(window.gitFolderControl()->importAction()));
        // Signed out, nothing selected: both disabled, and the tooltip says why.
        QVERIFY(!window.gitFolderControl()->exportAction()->isEnabled());
        QVERIFY(window.gitFolderControl()->importAction()->toolTip().contains(QStringLiteral("sign in first")));
    }
};

QTEST_MAIN(TestGitFolderUi)
#include "tst_gitfolder_ui.moc"
