// Compare and Promote as a user meets them (issue #21), against two fabric-sandbox tenants, DEV
// and PROD (production): pick both sides and click Compare (summary and diff shown, a file on the
// right), fill the rebinding form, Dry run (checklist and the exact request, nothing written),
// Promote with the production confirmation, the map remembered for the next time, Cancel, a
// map file with an error shown, and text from the service shown literally.
#include "app/api/fabricrequests.h"
#include "sandbox/fabricstate.h"
#include "tests/support/sandboxfixture.h"
#include "tests/support/temporaryhome.h"
#include "ui/environments/comparedialog.h"
#include "ui/environments/environmentlauncher.h"
#include "ui/environments/environmentpicker.h"
#include "ui/environments/promotedialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

namespace {

const QString kSales = QStringLiteral("Sales Analytics");

SandboxOptions tenant(quint32 seed)
{
    SandboxOptions options;
    options.seed = seed;
    options.speed = 20;
    options.lroMode = LroMode::Never;
    return options;
}

//! Types \a text into \a edit as a user does: focus, select all, keys.
void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

QStringList writesTo(const SandboxFixture &fx)
{
    QStringList writes;
    for (const auto &e : fx.apiLog())
        if (e.operationId == QLatin1String("Items_CreateMirroredDatabase")
            || e.operationId == QLatin1String("Items_UpdateMirroredDatabaseDefinition"))
            writes << e.operationId;
    return writes;
}

} // namespace

class TestEnvironmentDialogs : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void compareTwoTenants();
    void compareWithAFile();
    void compareWithAGitFolder();
    void dryRunThenPromoteToProduction();
    void declinedConfirmationWritesNothing();
    void cancelWhileReading();
    void badMapFileIsShown();
    void hostileNameShownLiterally();
    void launcherFollowsTheSelection();

private:
    EnvironmentTargets targets();
    PromoteDialog *openPromote(const QString &mirror = QStringLiteral("SalesMirror"));
    void fillProdForm(PromoteDialog *dialog);

    TemporaryHome m_home;
    SandboxFixture m_dev;
    SandboxFixture m_prod;
    std::unique_ptr<QWidget> m_dialog;
};

void TestEnvironmentDialogs::initTestCase()
{
    // Rebinding maps are remembered in QSettings: keep them below a temporary home.
    QVERIFY(m_home.isValid());
    m_home.exportToEnvironment();
    QCoreApplication::setOrganizationName(QStringLiteral("FabricMirroringConsoleTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_environment_dialogs"));
}

void TestEnvironmentDialogs::init()
{
    QVERIFY(m_dev.up(tenant(1)));
    QVERIFY(m_prod.up(tenant(2)));
}

void TestEnvironmentDialogs::cleanup()
{
    m_dialog.reset();
    m_dev.down();
    m_prod.down();
}

EnvironmentTargets TestEnvironmentDialogs::targets()
{
    return {EnvironmentTarget{m_dev.client, QStringLiteral("DEV"), QColor(Qt::darkGreen), false},
            EnvironmentTarget{m_prod.client, QStringLiteral("PROD"), QColor(Qt::red), true}};
}

PromoteDialog *TestEnvironmentDialogs::openPromote(const QString &mirror)
{
    const auto *source = m_dev.mirrorNamed(kSales, mirror);
    auto *dialog = new PromoteDialog(targets().first(), m_dev.workspaceNamed(kSales), source->id, mirror, targets(), {});
    m_dialog.reset(dialog);
    dialog->show();
    return dialog;
}

void TestEnvironmentDialogs::fillProdForm(PromoteDialog *dialog)
{
    dialog->targetPicker()->preselect(1, m_prod.workspaceNamed(kSales));
    QTRY_VERIFY(dialog->targetPicker()->isComplete());
    QTRY_VERIFY(dialog->dryRunButton()->isEnabled()); // the source's definition is read
    typeInto(dialog->connectionEdit(), m_prod.connectionNamed(QStringLiteral("contoso-sales (Azure SQL)")));
    typeInto(dialog->databaseEdit(), QStringLiteral("sales_prod"));
    typeInto(dialog->nameEdit(), QStringLiteral("SalesMirrorProd"));
}

void TestEnvironmentDialogs::compareTwoTenants()
{
    auto *dialog = new CompareDialog(targets());
    m_dialog.reset(dialog);
    dialog->show();
    dialog->left()->preselect(0, m_dev.workspaceNamed(kSales), m_dev.mirrorNamed(kSales, QStringLiteral("SalesMirror"))->id);
    // The right side: PROD picked in its box, then its workspace and database.
    dialog->right()->targetBox()->setCurrentIndex(1);
    QCOMPARE(dialog->right()->findChild<QLabel *>(QStringLiteral("targetBadge"))->text(), QStringLiteral("PROD · production"));
    QTRY_VERIFY(dialog->right()->workspaceBox()->count() > 0);
    dialog->right()->workspaceBox()->setCurrentIndex(dialog->right()->workspaceBox()->findText(kSales));
    QTRY_VERIFY(dialog->right()->databaseBox()->findText(QStringLiteral("SalesArchive")) >= 0);
    dialog->right()->databaseBox()->setCurrentIndex(dialog->right()->databaseBox()->findText(QStringLiteral("SalesArchive")));
    QTRY_VERIFY(dialog->compareButton()->isEnabled());
    QTest::mouseClick(dialog->compareButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->diffView());

    // Another tenant's connection, another database and another schema; the rest the same.
    QStringList differing;
    for (int i = 0; i < dialog->summaryView()->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = dialog->summaryView()->topLevelItem(i);
        if (item->text(0).startsWith(QStringLiteral("≠ ")))
            differing << item->text(0).mid(2);
    }
    QCOMPARE(differing, (QStringList{"Connection", "Database", "Target schema"}));
    QCOMPARE(dialog->statusLabel()->text(), QStringLiteral("3 aspect(s) differ."));
    QVERIFY(dialog->diffView()->rowCount() > 3);
    QCOMPARE(dialog->diffView()->horizontalHeaderItem(1)->text(), QStringLiteral("SalesMirror"));
    QCOMPARE(dialog->diffView()->horizontalHeaderItem(3)->text(), QStringLiteral("SalesArchive"));
    QVERIFY(!dialog->cancelButton()->isEnabled());
}

void TestEnvironmentDialogs::compareWithAFile()
{
    auto *dialog = new CompareDialog(targets());
    m_dialog.reset(dialog);
    dialog->show();
    dialog->left()->preselect(0, m_dev.workspaceNamed(kSales), m_dev.mirrorNamed(kSales, QStringLiteral("SalesMirror"))->id);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mirroring.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_dev.mirrorNamed(kSales, QStringLiteral("SalesMirror"))->mirroringJson);
    file.close();
    QVERIFY(dialog->right()->openFile(path));
    QVERIFY(dialog->right()->findChild<QLabel *>(QStringLiteral("fileLabel"))->isVisible());
    QTRY_VERIFY(dialog->compareButton()->isEnabled());
    QTest::mouseClick(dialog->compareButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog->statusLabel()->text(), QStringLiteral("The two definitions are the same."));
    // A file that is not a definition: said so, the comparison shown stays.
    QFile bad(dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{");
    bad.close();
    QVERIFY(!dialog->right()->openFile(bad.fileName()));
    QVERIFY(dialog->right()->findChild<QLabel *>(QStringLiteral("pickerProblem"))->isVisible());
    QVERIFY(dialog->diffView());
}

// A Fabric Git integration folder on the right (issue #21, "also compare ... a Git folder"): its
// mirroring.json is what is compared, a folder that is not an item folder is refused.
void TestEnvironmentDialogs::compareWithAGitFolder()
{
    auto *dialog = new CompareDialog(targets());
    m_dialog.reset(dialog);
    dialog->show();
    const auto *sales = m_dev.mirrorNamed(kSales, QStringLiteral("SalesMirror"));
    dialog->left()->preselect(0, m_dev.workspaceNamed(kSales), sales->id);
    QVERIFY(dialog->right()->findChild<QPushButton *>(QStringLiteral("gitFolderButton")));

    // A copy of a foreign tool's folder whose mirroring.json is SalesMirror's: the same.
    const QString fixture = QStringLiteral(FMC_TEST_DATA_DIR "/gitfolder/foreign/Sales Orders.MirroredDatabase");
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("SalesMirror.MirroredDatabase"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::copy(fixture + QStringLiteral("/.platform"), folder + QStringLiteral("/.platform")));
    QFile json(folder + QStringLiteral("/mirroring.json"));
    QVERIFY(json.open(QIODevice::WriteOnly));
    json.write(sales->mirroringJson);
    json.close();
    QVERIFY(dialog->right()->openGitFolder(folder));
    QVERIFY(dialog->right()->findChild<QLabel *>(QStringLiteral("fileLabel"))->text().startsWith(QLatin1String("Git folder: ")));
    QTRY_VERIFY(dialog->compareButton()->isEnabled());
    QTest::mouseClick(dialog->compareButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog->statusLabel()->text(), QStringLiteral("The two definitions are the same."));

    // The foreign folder itself differs from SalesMirror: a summary and a diff.
    QVERIFY(dialog->right()->openGitFolder(fixture));
    QTRY_VERIFY(dialog->compareButton()->isEnabled());
    QTest::mouseClick(dialog->compareButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->statusLabel()->text() != QLatin1String("The two definitions are the same.")
                && dialog->summaryView()->topLevelItemCount() > 0);
    QVERIFY(dialog->diffView());

    // Not an item folder: refused, with the reason shown.
    QTemporaryDir empty;
    QVERIFY(!dialog->right()->openGitFolder(empty.path()));
    QVERIFY(dialog->right()->findChild<QLabel *>(QStringLiteral("pickerProblem"))->isVisible());
}

void TestEnvironmentDialogs::dryRunThenPromoteToProduction()
{
    PromoteDialog *dialog = openPromote();
    QSignalSpy promoted(dialog, &PromoteDialog::promoted);
    fillProdForm(dialog);

    QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog->promoter()->isRunning() && dialog->checksView()->topLevelItemCount() == 4);
    QVERIFY2(dialog->statusLabel()->text().startsWith(QStringLiteral("Dry run passed")), qPrintable(dialog->statusLabel()->text()));
    QVERIFY(dialog->previewView()->toPlainText().startsWith(QStringLiteral("POST ")));
    QVERIFY(dialog->previewView()->toPlainText().contains(QStringLiteral("\"database\": \"sales_prod\"")));
    QVERIFY(writesTo(m_prod).isEmpty());

    // Production asks once more; Promote there writes.
    QTest::mouseClick(dialog->promoteButton(), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = dialog->findChild<QMessageBox *>(QStringLiteral("confirmProduction"))) && box->isVisible());
    QVERIFY(box->text().contains(QStringLiteral("PROD")));
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmPromote")), Qt::LeftButton);
    QTRY_COMPARE(promoted.count(), 1);
    QCOMPARE(writesTo(m_prod), QStringList{"Items_CreateMirroredDatabase"});
    QVERIFY(m_prod.mirrorNamed(kSales, QStringLiteral("SalesMirrorProd")));
    QCOMPARE(promoted.first().at(0).toString(), m_prod.workspaceNamed(kSales));
    QCOMPARE(dialog->statusLabel()->text(), QStringLiteral("SalesMirrorProd was created on the target."));

    // Opened again for the same source and target, the form holds what was chosen.
    PromoteDialog *again = openPromote();
    again->targetPicker()->preselect(1, m_prod.workspaceNamed(kSales));
    QTRY_COMPARE(again->databaseEdit()->text(), QStringLiteral("sales_prod"));
    QCOMPARE(again->nameEdit()->text(), QStringLiteral("SalesMirrorProd"));
    QCOMPARE(again->connectionEdit()->text(), m_prod.connectionNamed(QStringLiteral("contoso-sales (Azure SQL)")));
    QVERIFY(again->schemaEdit()->text().isEmpty());

    // The map saved to a file the team shares, and exported for fabric-cicd.
    QTemporaryDir dir;
    QVERIFY(again->saveMapFile(dir.filePath(QStringLiteral("map.json"))));
    QVERIFY(again->exportParameterFile(dir.filePath(QStringLiteral("parameter.yml"))));
    QFile yml(dir.filePath(QStringLiteral("parameter.yml")));
    QVERIFY(yml.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(yml.readAll());
    QVERIFY(text.contains(QStringLiteral("          \"PROD\": \"sales_prod\"\n")));
    QVERIFY(text.contains(QStringLiteral("      item_name: \"SalesMirror\"\n")));
}

void TestEnvironmentDialogs::declinedConfirmationWritesNothing()
{
    PromoteDialog *dialog = openPromote();
    fillProdForm(dialog);
    QTest::mouseClick(dialog->promoteButton(), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = dialog->findChild<QMessageBox *>(QStringLiteral("confirmProduction"))) && box->isVisible());
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!dialog->findChild<QMessageBox *>(QStringLiteral("confirmProduction")));
    QVERIFY(!dialog->promoter()->isRunning());
    QVERIFY(writesTo(m_prod).isEmpty());
    // Nothing of promote ran on the target: only the picker's workspace list.
    const auto log = m_prod.apiLog();
    QVERIFY(std::all_of(log.begin(), log.end(), [](const auto &e) { return e.operationId == QLatin1String("Workspaces_ListWorkspaces"); }));
}

void TestEnvironmentDialogs::cancelWhileReading()
{
    PromoteDialog *dialog = openPromote();
    fillProdForm(dialog);
    m_dev.sandbox->clearRequestLog();
    QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton);
    QVERIFY(dialog->cancelButton()->isEnabled());
    QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
    QCOMPARE(dialog->statusLabel()->text(), QStringLiteral("Cancelled. Nothing was written to the target."));
    QVERIFY(dialog->dryRunButton()->isEnabled());
    QVERIFY(!dialog->cancelButton()->isEnabled());
    QVERIFY(m_prod.apiLog().isEmpty() || writesTo(m_prod).isEmpty());
}

void TestEnvironmentDialogs::badMapFileIsShown()
{
    PromoteDialog *dialog = openPromote();
    fillProdForm(dialog);
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("other.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format":"something-else"})");
    file.close();
    QVERIFY(!dialog->loadMapFile(file.fileName()));
    QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("not a rebinding map")));
    // What was typed is not lost.
    QCOMPARE(dialog->databaseEdit()->text(), QStringLiteral("sales_prod"));
}

void TestEnvironmentDialogs::hostileNameShownLiterally()
{
    // A database name with markup and a line break, as another tool could have written it.
    const QString hostile = QStringLiteral("<b>sales</b>\n<img src=x>");
    MirroringDefinition definition = *MirroringDefinition::fromJsonBytes(m_dev.mirrorNamed(kSales, QStringLiteral("SalesMirror"))->mirroringJson);
    definition.setDatabase(hostile);
    ApiError error;
    m_dev.run(new CreateMirroredDatabaseRequest(m_dev.workspaceNamed(kSales), QStringLiteral("Hostile"),
                                                                     ItemDefinition::fromMirroringDefinition(definition)), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString()));
    PromoteDialog *dialog = openPromote(QStringLiteral("Hostile"));
    QLabel *from = nullptr;
    QTRY_VERIFY([&] {
        for (QLabel *label : dialog->findChildren<QLabel *>())
            if (label->text().contains(QStringLiteral("<b>sales</b>")))
                from = label;
        return from != nullptr;
    }());
    QCOMPARE(from->textFormat(), Qt::PlainText);
    QVERIFY(!from->text().contains(u'\n')); // shown on one line
}

void TestEnvironmentDialogs::launcherFollowsTheSelection()
{
    QWidget window;
    EnvironmentLauncher launcher(&window);
    QVERIFY(!launcher.compareAction()->isEnabled());
    launcher.setCurrent(targets().first());
    QVERIFY(launcher.compareAction()->isEnabled());
    QVERIFY(!launcher.promoteAction()->isEnabled()); // nothing selected
    const auto *mirror = m_dev.mirrorNamed(kSales, QStringLiteral("SalesMirror"));
    launcher.setSelection(m_dev.workspaceNamed(kSales), mirror->id, QStringLiteral("SalesMirror"));
    QVERIFY(launcher.promoteAction()->isEnabled());
    launcher.setOtherTargets({targets().last()});
    launcher.promoteAction()->trigger();
    auto *dialog = window.findChild<PromoteDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->targetPicker()->targetBox()->count(), 2);
    QCOMPARE(dialog->targetPicker()->targetBox()->itemText(1), QStringLiteral("PROD"));
    launcher.compareAction()->trigger();
    auto *compare = window.findChild<CompareDialog *>();
    QVERIFY(compare);
    QTRY_VERIFY(compare->left()->isComplete()); // the selected database, preselected
    QCOMPARE(compare->left()->databaseName(), QStringLiteral("SalesMirror"));
}

QTEST_MAIN(TestEnvironmentDialogs)
#include "tst_environment_dialogs.moc"
