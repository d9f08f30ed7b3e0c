// The readiness checklist as a user meets it (issue #18 parts 3 and 4), against fabric-sandbox:
// each line's result in the window, the Learn link and the Copy button, Start over a failed check
// only after one more confirmation, Cancel while a call runs, hostile text from the service
// shown literally; and Paused as its own state in the main window's list and details.
#include "app/readiness/readinesscheck.h"
#include "app/workspacebrowser.h"
#include "models/mirroreddatabaselistmodel.h"
#include "sandbox/fabricstate.h"
#include "tests/support/dashboardharness.h"
#include "ui/dashboard/databaseheader.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/mainwindow/detailspane.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/readiness/readinessdialog.h"
#include "ui/readiness/readinesslinewidget.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace fmc;
using namespace fmc::test;

namespace {

using Check = ReadinessLine::Check;

QString labelText(QWidget *line, const char *name)
{
    auto *label = line->findChild<QLabel *>(QString::fromLatin1(name));
    return label && label->isVisibleTo(line) ? label->text() : QString();
}

} // namespace

class TestReadinessDialog : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void linesShowTheResults_data();
    void linesShowTheResults();
    void copyAndLearnLink();
    void startOverAFailedCheckAsksOnceMore();
    void startWhenEverythingPassed();
    void cancelWhileChecking();
    void hostileErrorTextIsPlain();
    void pausedInListAndDetails();
    void pausedInTheDashboardHeader();

private:
    ReadinessDialog *openOn(const QString &name);

    std::unique_ptr<DashboardHarness> m_harness;
    std::unique_ptr<ReadinessDialog> m_dialog;
};

void TestReadinessDialog::init()
{
    m_harness = std::make_unique<DashboardHarness>();
    // The harness's clock stands still: long-running calls would never end unless asked to.
    m_harness->sandbox->setLroMode(sandbox::LroMode::Never);
}

void TestReadinessDialog::cleanup()
{
    m_dialog.reset();
    m_harness.reset();
}

ReadinessDialog *TestReadinessDialog::openOn(const QString &name)
{
    const WatchedDatabase db = m_harness->database(name);
    m_dialog = std::make_unique<ReadinessDialog>(m_harness->client.get(), DefinitionLimits{},
                                                 ReadinessDialog::Purpose::BeforeStart);
    m_dialog->show();
    m_dialog->check(db.workspaceId, db.databaseId, db.displayName);
    return m_dialog.get();
}

void TestReadinessDialog::linesShowTheResults_data()
{
    QTest::addColumn<QString>("database");
    QTest::addColumn<QStringList>("marks"); // Status, Connection, Tables, Prerequisites
    QTest::addColumn<QString>("connectionText");
    QTest::addColumn<QString>("startText");
    QTest::addRow("Stopped, connection offline")
        << "LedgerMirror" << QStringList{"Passed", "Failed", "Passed", "To do"}
        << "DM_GWPipeline_Gateway_DataSourceAccessError" << "Start and reseed";
    QTest::addRow("Initialized, ready")
        << "OpsMirror" << QStringList{"Passed", "Passed", "Passed", "To do"} << "Online." << "Start mirroring";
    QTest::addRow("running open mirroring")
        << "SensorLanding" << QStringList{"Failed", "Passed", "Passed", "Passed"} << "no source connection"
        << "Start mirroring";
}

void TestReadinessDialog::linesShowTheResults()
{
    QFETCH(QString, database);
    QFETCH(QStringList, marks);
    QFETCH(QString, connectionText);
    QFETCH(QString, startText);
    ReadinessDialog *dialog = openOn(database);
    auto *progress = dialog->findChild<QProgressBar *>(QStringLiteral("readinessProgress"));
    auto *start = dialog->findChild<QPushButton *>(QStringLiteral("readinessStart"));
    auto *cancel = dialog->findChild<QPushButton *>(QStringLiteral("readinessCancel"));
    QVERIFY(cancel->isEnabled()); // a call is under way
    QVERIFY(!start->isEnabled());
    QTRY_VERIFY(!dialog->readinessCheck()->isRunning());
    QCOMPARE(progress->value(), ReadinessLine::CheckCount);
    QVERIFY(start->isEnabled());
    QVERIFY(!cancel->isEnabled());
    QCOMPARE(start->text(), startText);
    QStringList shown;
    for (int i = 0; i < ReadinessLine::CheckCount; ++i)
        shown << dialog->lineWidget(Check(i))->outcomeText();
    QCOMPARE(shown, marks);
    ReadinessLineWidget *connection = dialog->lineWidget(Check::Connection);
    const QString text = labelText(connection, "summary") + labelText(connection, "detail");
    QVERIFY2(text.contains(connectionText), qPrintable(text));
    QVERIFY(connection->accessibleName().contains(marks.at(1)));
}

void TestReadinessDialog::copyAndLearnLink()
{
    ReadinessDialog *dialog = openOn(QStringLiteral("LedgerMirror"));
    QTRY_VERIFY(!dialog->readinessCheck()->isRunning());
    ReadinessLineWidget *prerequisites = dialog->lineWidget(Check::Prerequisites);
    // What to enable on an Azure Database for PostgreSQL source, with the Learn page and Copy.
    QVERIFY(labelText(prerequisites, "detail").contains(QStringLiteral("azure_cdc_admin")));
    const QString link = labelText(prerequisites, "learnLink");
    QVERIFY2(link.contains(QStringLiteral("https://learn.microsoft.com/fabric/mirroring/azure-database-postgresql-tutorial")),
             qPrintable(link));
    auto *copy = prerequisites->findChild<QPushButton *>(QStringLiteral("copy"));
    QVERIFY(copy->isVisibleTo(prerequisites));
    QApplication::clipboard()->clear();
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), dialog->readinessCheck()->line(Check::Prerequisites).detail);
    // The connection line has nothing to copy.
    QVERIFY(!dialog->lineWidget(Check::Connection)->findChild<QPushButton *>(QStringLiteral("copy"))->isVisibleTo(dialog));
}

void TestReadinessDialog::startOverAFailedCheckAsksOnceMore()
{
    ReadinessDialog *dialog = openOn(QStringLiteral("LedgerMirror"));
    QSignalSpy started(dialog, &ReadinessDialog::startConfirmed);
    QTRY_VERIFY(!dialog->readinessCheck()->isRunning());
    QVERIFY(!dialog->readinessCheck()->passed());
    auto *start = dialog->findChild<QPushButton *>(QStringLiteral("readinessStart"));
    for (const bool confirm : {false, true}) {
        QTest::mouseClick(start, Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = dialog->findChild<QMessageBox *>(QStringLiteral("startAnywayConfirmation"))));
        QVERIFY2(box->informativeText().contains(QStringLiteral("Source connection is online")),
                 qPrintable(box->informativeText()));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        box->button(confirm ? QMessageBox::Yes : QMessageBox::Cancel)->click();
        QTRY_VERIFY(!dialog->findChild<QMessageBox *>(QStringLiteral("startAnywayConfirmation")));
        QCOMPARE(started.size(), confirm ? 1 : 0);
    }
    QCOMPARE(started.first().at(1).toString(), m_harness->database(QStringLiteral("LedgerMirror")).databaseId);
    QVERIFY(!dialog->isVisible());
}

void TestReadinessDialog::startWhenEverythingPassed()
{
    ReadinessDialog *dialog = openOn(QStringLiteral("OpsMirror"));
    QSignalSpy started(dialog, &ReadinessDialog::startConfirmed);
    QTRY_VERIFY(!dialog->readinessCheck()->isRunning());
    QVERIFY(dialog->readinessCheck()->passed());
    // Start is not the default button (Enter must not reseed by accident); a click starts at once.
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("readinessStart"))->isDefault());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("readinessStart")), Qt::LeftButton);
    QCOMPARE(started.size(), 1);
    QVERIFY(!dialog->findChild<QMessageBox *>(QStringLiteral("startAnywayConfirmation")));
    QVERIFY(!dialog->isVisible());
}

void TestReadinessDialog::cancelWhileChecking()
{
    // getDefinition becomes a long-running operation that never ends.
    m_harness->sandbox->setLroMode(sandbox::LroMode::Always);
    m_harness->sandbox->state()->setLroTiming(1, -1);
    ReadinessDialog *dialog = openOn(QStringLiteral("OpsMirror"));
    QTRY_COMPARE(dialog->lineWidget(Check::Tables)->outcomeText(), QStringLiteral("Checking"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("readinessCancel")), Qt::LeftButton);
    QVERIFY(!dialog->readinessCheck()->isRunning());
    QCOMPARE(dialog->lineWidget(Check::Status)->outcomeText(), QStringLiteral("Passed"));
    QCOMPARE(dialog->lineWidget(Check::Tables)->outcomeText(), QStringLiteral("Cancelled"));
    QCOMPARE(dialog->lineWidget(Check::Connection)->outcomeText(), QStringLiteral("Cancelled"));
    QVERIFY(dialog->isVisible()); // cancel ends the check, not the window
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("readinessAgain"))->isEnabled());
}

void TestReadinessDialog::hostileErrorTextIsPlain()
{
    const QString hostile = QStringLiteral("<b>bold</b> <a href=\"https://evil.example\">link</a> \u202Eevil");
    QString connectionId;
    for (const auto &c : m_harness->sandbox->state()->connections())
        if (c.displayName == QLatin1String("finance-pg"))
            connectionId = c.id;
    QVERIFY(m_harness->sandbox->state()->setConnectionOnline(connectionId, false, QStringLiteral("Bad"), hostile));
    ReadinessDialog *dialog = openOn(QStringLiteral("LedgerMirror"));
    QTRY_VERIFY(!dialog->readinessCheck()->isRunning());
    auto *detail = dialog->lineWidget(Check::Connection)->findChild<QLabel *>(QStringLiteral("detail"));
    QCOMPARE(detail->textFormat(), Qt::PlainText);
    QVERIFY(detail->text().contains(QStringLiteral("<b>bold</b>")));
    QVERIFY(!detail->text().contains(QChar(0x202E))); // the override is dropped
}

void TestReadinessDialog::pausedInListAndDetails()
{
    sandbox::Sandbox &sb = *m_harness->sandbox;
    const WatchedDatabase sales = m_harness->database(QStringLiteral("SalesMirror"));
    const QString capacity = sb.state()->workspace(sales.workspaceId)->capacityId;
    QVERIFY(sb.pauseCapacity(capacity));
    QVERIFY(sb.resumeCapacity(capacity));

    WorkspaceBrowser browser(m_harness->client.get());
    MainWindow window;
    window.resize(1360, 820);
    window.setBrowser(&browser);
    window.setClient(m_harness->client.get());
    window.setSignedIn(QStringLiteral("sandbox"), m_harness->client->config().apiBaseUrl.toString());
    window.show();
    browser.reloadWorkspaces();
    auto select = [&window](const char *view, const QString &text) {
        auto *v = window.findChild<QAbstractItemView *>(QString::fromLatin1(view));
        const QModelIndexList found = v->model()->match(v->model()->index(0, 0), Qt::DisplayRole, text, 1, Qt::MatchExactly);
        if (found.isEmpty())
            return false;
        v->setCurrentIndex(found.first());
        return true;
    };
    QTRY_VERIFY(select("workspaceList", QStringLiteral("Sales Analytics")));
    QTRY_VERIFY(select("mirroredDatabaseTable", QStringLiteral("SalesMirror")));
    auto *table = window.findChild<QAbstractItemView *>(QStringLiteral("mirroredDatabaseTable"));
    auto healthCell = [table] {
        const QModelIndexList found = table->model()->match(table->model()->index(0, 0), Qt::DisplayRole,
                                                             QStringLiteral("SalesMirror"), 1, Qt::MatchExactly);
        return found.isEmpty() ? QModelIndex() : found.first().siblingAtColumn(MirroredDatabaseListModel::Health);
    };
    QTRY_COMPARE(healthCell().data().toString(), QStringLiteral("Paused"));
    QVERIFY(healthCell().data(Qt::ToolTipRole).toString().contains(QStringLiteral("Resume replication")));
    auto *details = window.findChild<DetailsPane *>();
    QTRY_VERIFY(details->value(QStringLiteral("pausedAdvice")).contains(QStringLiteral("Resume replication")));
    QVERIFY(details->value(QStringLiteral("pausedAdvice")).contains(QStringLiteral("reseeds every table")));
    QAction *start = window.findChild<QAction *>(QStringLiteral("actionStart"));
    QAction *stop = window.findChild<QAction *>(QStringLiteral("actionStop"));
    QTRY_VERIFY(stop->isEnabled()); // stop, then start: the way out of Paused the API has
    QVERIFY(!start->isEnabled());
    QVERIFY2(start->toolTip().contains(QStringLiteral("Resume replication")), qPrintable(start->toolTip()));
    // Another database that is not Paused shows no advice.
    QTRY_VERIFY(select("workspaceList", QStringLiteral("Finance")));
    QTRY_VERIFY(select("mirroredDatabaseTable", QStringLiteral("LedgerMirror")));
    QTRY_COMPARE(details->value(QStringLiteral("pausedAdvice")), QString());
}

void TestReadinessDialog::pausedInTheDashboardHeader()
{
    sandbox::Sandbox &sb = *m_harness->sandbox;
    const WatchedDatabase sales = m_harness->database(QStringLiteral("SalesMirror"));
    const QString capacity = sb.state()->workspace(sales.workspaceId)->capacityId;
    QVERIFY(sb.pauseCapacity(capacity));
    QVERIFY(sb.resumeCapacity(capacity));
    DashboardWindow window(m_harness->client.get());
    window.setRefreshInterval(std::chrono::hours(1));
    window.show();
    QSignalSpy finished(window.monitor(), &StatusMonitor::refreshFinished);
    window.watch({sales});
    QVERIFY(finished.wait(20000));
    DatabaseHeader *header = window.header(sales.databaseId);
    QVERIFY(header);
    QCOMPARE(header->healthText(), QStringLiteral("Paused"));
    QVERIFY2(header->errorText().contains(QStringLiteral("Resume replication")), qPrintable(header->errorText()));
    QVERIFY(header->severity() <= 1); // with the warnings, above the databases that run
}

QTEST_MAIN(TestReadinessDialog)
#include "tst_readinessdialog.moc"
