// Idle is not stale: the classifier the dashboard's freshness filter and the monitor's alerts use.
#include "models/tablefreshness.h"

#include <QTest>

using namespace fmc;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(fmc::TableFreshness)

class TestTableFreshness : public QObject
{
    Q_OBJECT
private slots:
    void classify_data();
    void classify();
    void thresholdIsConfigurable();
    void texts();
};

namespace {
const QDateTime kNow = QDateTime(QDate(2026, 12, 3), QTime(4, 0), Qt::UTC);

TableMirroringStatus table(const QString &status, qint64 syncedSecondsAgo, bool withError)
{
    TableMirroringStatus t;
    t.sourceSchemaName = QStringLiteral("dbo");
    t.sourceTableName = QStringLiteral("orders");
    const std::string raw = status.toStdString();
    t.status = EnumText<TableStatus>::fromText(raw);
    if (syncedSecondsAgo >= 0) {
        TableMirroringMetrics m;
        m.processedRows = 10;
        m.lastSyncDateTime = kNow.addSecs(-syncedSecondsAgo);
        t.metrics = m;
    }
    if (withError) {
        ErrorResponse error;
        error.errorCode = QStringLiteral("ReplicationFailed");
        error.message = QStringLiteral("boom");
        t.error = error;
    }
    return t;
}
} // namespace

void TestTableFreshness::classify_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<qint64>("syncedSecondsAgo"); // < 0: no metrics
    QTest::addColumn<bool>("withError");
    QTest::addColumn<TableFreshness>("expected");
    QTest::newRow("replicating, synced now") << "Replicating" << qint64(5) << false << TableFreshness::Current;
    QTest::newRow("replicating, 14 min") << "Replicating" << qint64(14 * 60) << false << TableFreshness::Current;
    QTest::newRow("replicating, 16 min: idle") << "Replicating" << qint64(16 * 60) << false << TableFreshness::Idle;
    QTest::newRow("replicating, 3 days: idle, not stale") << "Replicating" << qint64(3 * 86400) << false << TableFreshness::Idle;
    QTest::newRow("replicating, no metrics") << "Replicating" << qint64(-1) << false << TableFreshness::Current;
    QTest::newRow("replicating with error: stale") << "Replicating" << qint64(5) << true << TableFreshness::Stale;
    QTest::newRow("replicating, old, with error") << "Replicating" << qint64(86400) << true << TableFreshness::Stale;
    QTest::newRow("failed") << "Failed" << qint64(5) << true << TableFreshness::Stale;
    QTest::newRow("failed, no error object") << "Failed" << qint64(5) << false << TableFreshness::Stale;
    QTest::newRow("stopped, recent sync") << "Stopped" << qint64(5) << false << TableFreshness::Stale;
    QTest::newRow("initialized") << "Initialized" << qint64(-1) << false << TableFreshness::CatchingUp;
    QTest::newRow("snapshotting, old sync") << "Snapshotting" << qint64(86400) << false << TableFreshness::CatchingUp;
    QTest::newRow("reseeding") << "Reseeding" << qint64(60) << false << TableFreshness::CatchingUp;
    QTest::newRow("reseeding with error") << "Reseeding" << qint64(60) << true << TableFreshness::Stale;
    QTest::newRow("unknown status") << "Throttled" << qint64(5) << false << TableFreshness::Stale;
}

void TestTableFreshness::classify()
{
    QFETCH(QString, status);
    QFETCH(qint64, syncedSecondsAgo);
    QFETCH(bool, withError);
    QFETCH(TableFreshness, expected);
    QCOMPARE(tableFreshness(table(status, syncedSecondsAgo, withError), kNow), expected);
}

void TestTableFreshness::thresholdIsConfigurable()
{
    const TableMirroringStatus t = table(QStringLiteral("Replicating"), 120, false);
    QCOMPARE(tableFreshness(t, kNow, 60s), TableFreshness::Idle);
    QCOMPARE(tableFreshness(t, kNow, 600s), TableFreshness::Current);
    // No clock: never idle.
    QCOMPARE(tableFreshness(t, QDateTime(), 60s), TableFreshness::Current);
    // A last sync ahead of the clock is current, not idle.
    TableMirroringStatus ahead = t;
    ahead.metrics->lastSyncDateTime = kNow.addSecs(3600);
    QCOMPARE(tableFreshness(ahead, kNow, 60s), TableFreshness::Current);
}

void TestTableFreshness::texts()
{
    QCOMPARE(freshnessText(TableFreshness::Idle), QStringLiteral("Idle"));
    QCOMPARE(freshnessText(TableFreshness::Stale), QStringLiteral("Stale"));
    QCOMPARE(freshnessText(TableFreshness::CatchingUp), QStringLiteral("Catching up"));
    QCOMPARE(freshnessText(TableFreshness::Current), QStringLiteral("Current"));
}

QTEST_GUILESS_MAIN(TestTableFreshness)
#include "tst_tablefreshness.moc"
