// The pieces of fmc that decide without the service: durations, which states a wait can still
// reach, and how a table's freshness reads in JSON (an idle table is not stale).

#include "app/cli/cliduration.h"
#include "app/cli/mirrorsnapshot.h"
#include "app/cli/waitcommand.h"

#include <QTest>

using namespace fmc;
using namespace fmc::cli;

class TestCliParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void durations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds"); // -1: refused
        QTest::addRow("plain seconds") << "45" << qint64(45);
        QTest::addRow("seconds") << "90s" << qint64(90);
        QTest::addRow("minutes") << "15m" << qint64(900);
        QTest::addRow("hours and minutes") << "1h30m" << qint64(5400);
        QTest::addRow("a day") << "1d" << qint64(86400);
        QTest::addRow("upper case, spaces") << " 2H " << qint64(7200);
        QTest::addRow("empty") << "" << qint64(-1);
        QTest::addRow("unit only") << "m" << qint64(-1);
        QTest::addRow("negative") << "-5m" << qint64(-1);
        QTest::addRow("garbage between") << "1h x 5m" << qint64(-1);
        QTest::addRow("unknown unit") << "3w" << qint64(-1);
        QTest::addRow("over 30 days") << "31d" << qint64(-1);
    }
    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        const auto parsed = parseDuration(text);
        QCOMPARE(parsed.has_value(), seconds >= 0);
        if (parsed) {
            QCOMPARE(parsed->count(), seconds);
            QCOMPARE(parseDuration(durationText(*parsed))->count(), seconds); // the text reads back
        }
    }

    void unreachable_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("current");
        QTest::addColumn<bool>("unreachable");
        QTest::addRow("Running from Starting") << "Running" << "Starting" << false;
        QTest::addRow("Running from Paused") << "Running" << "Paused" << false;
        QTest::addRow("Running from Initialized") << "Running" << "Initialized" << false;
        QTest::addRow("Running from Stopped") << "Running" << "Stopped" << true;
        QTest::addRow("Running from Stopping") << "Running" << "Stopping" << true;
        QTest::addRow("Stopped from Running") << "Stopped" << "Running" << false;
        QTest::addRow("Stopped from Initialized") << "Stopped" << "Initialized" << true;
        QTest::addRow("Initialized from Initializing") << "Initialized" << "Initializing" << false;
        QTest::addRow("Initialized from Running") << "Initialized" << "Running" << true;
        QTest::addRow("a state this version does not know") << "Running" << "Hibernating" << false;
    }
    void unreachable()
    {
        QFETCH(QString, target);
        QFETCH(QString, current);
        QFETCH(bool, unreachable);
        const QString reason = WaitCommand::unreachableReason(target, current);
        QCOMPARE(!reason.isEmpty(), unreachable);
        if (unreachable)
            QVERIFY(reason.contains(current));
    }

    void freshness_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("syncedMinutesAgo");
        QTest::addColumn<bool>("withError");
        QTest::addColumn<QString>("freshness");
        QTest::addRow("replicating, synced now") << "Replicating" << 0 << false << "Current";
        QTest::addRow("replicating, no change for 2 h: idle") << "Replicating" << 120 << false << "Idle";
        QTest::addRow("replicating with an error") << "Replicating" << 0 << true << "Stale";
        QTest::addRow("failed") << "Failed" << 0 << true << "Stale";
        QTest::addRow("stopped") << "Stopped" << 0 << false << "Stale";
        QTest::addRow("snapshotting") << "Snapshotting" << 0 << false << "CatchingUp";
        QTest::addRow("unknown status") << "Hibernating" << 0 << false << "Stale";
    }
    void freshness()
    {
        QFETCH(QString, status);
        QFETCH(int, syncedMinutesAgo);
        QFETCH(bool, withError);
        QFETCH(QString, freshness);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Json raw{{"sourceSchemaName", "dbo"},
                 {"sourceTableName", "orders"},
                 {"status", toStdString(status)},
                 {"metrics", {{"processedBytes", 10}, {"processedRows", 1},
                              {"lastSyncDateTime", toStdString(now.addSecs(-60 * syncedMinutesAgo).toString(Qt::ISODate))},
                              {"lastSyncLatencyInSeconds", 5}}}};
        if (withError)
            raw["error"] = Json{{"errorCode", "ReplicationFailed"}, {"message", "x"}};
        const auto table = TableMirroringStatus::fromJson(raw);
        QVERIFY(table);
        Json json = MirrorSnapshot::tableJson(*table, now, std::chrono::minutes(15));
        QCOMPARE(toQString(json["freshness"].get<std::string>()), freshness);
        QCOMPARE(MirrorSnapshot::qualifiedName(*table), QStringLiteral("dbo.orders"));
        QVERIFY(json["error"].is_null() != withError);
    }
};

QTEST_GUILESS_MAIN(TestCliParts)
#include "tst_cli_parts.moc"
