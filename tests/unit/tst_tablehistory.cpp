#include "app/monitor/tablehistory.h"

#include <QTest>

using namespace fmc;

class TestTableHistory : public QObject
{
    Q_OBJECT
private slots:
    void ringKeepsNewest();
    void rates_data();
    void rates();
    void sampleIsCompact();
};

void TestTableHistory::ringKeepsNewest()
{
    TableHistory h(3);
    QVERIFY(h.isEmpty());
    for (int i = 1; i <= 5; ++i)
        h.append({i * 1000, i * 10, i * 100, i, 0});
    QCOMPARE(h.size(), 3);
    QCOMPARE(h.capacity(), 3);
    QCOMPARE(h.at(0).processedRows, 30);
    QCOMPARE(h.last().processedRows, 50);
    const auto all = h.samples();
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(1).timeMSecs, 4000);
}

void TestTableHistory::rates_data()
{
    QTest::addColumn<qint64>("t0");
    QTest::addColumn<qint64>("rows0");
    QTest::addColumn<qint64>("t1");
    QTest::addColumn<qint64>("rows1");
    QTest::addColumn<double>("expected"); // < 0: no rate

    QTest::addRow("steady") << qint64(0) << qint64(100) << qint64(2000) << qint64(300) << 100.0;
    QTest::addRow("idle") << qint64(0) << qint64(100) << qint64(1000) << qint64(100) << 0.0;
    QTest::addRow("reseed goes backwards") << qint64(0) << qint64(500) << qint64(1000) << qint64(10) << -1.0;
    QTest::addRow("same instant") << qint64(1000) << qint64(1) << qint64(1000) << qint64(5) << -1.0;
    QTest::addRow("beyond 2^31 rows") << qint64(0) << qint64(5'000'000'000) << qint64(1000)
                                      << qint64(5'000'001'000) << 1000.0;
}

void TestTableHistory::rates()
{
    QFETCH(qint64, t0);
    QFETCH(qint64, rows0);
    QFETCH(qint64, t1);
    QFETCH(qint64, rows1);
    QFETCH(double, expected);
    TableHistory h;
    QVERIFY(!h.rowsPerSecond());
    h.append({t0, rows0, rows0 * 10, -1, 0});
    QVERIFY(!h.rowsPerSecond());
    h.append({t1, rows1, rows1 * 10, -1, 0});
    if (expected < 0) {
        QVERIFY(!h.rowsPerSecond());
        QVERIFY(!h.bytesPerSecond());
    } else {
        QCOMPARE(*h.rowsPerSecond(), expected);
        QCOMPARE(*h.bytesPerSecond(), expected * 10);
    }
}

void TestTableHistory::sampleIsCompact()
{
    // An hour at 10 s for 10,000 tables must stay far below the dashboard's 150 MB budget.
    QCOMPARE(sizeof(MetricSample), size_t(32));
}

QTEST_GUILESS_MAIN(TestTableHistory)
#include "tst_tablehistory.moc"
