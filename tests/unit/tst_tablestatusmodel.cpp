// TableStatusModel: keyed diff only (no reset), narrow dataChanged, pages one by one, rates.
#include "models/tablestatusmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace fmc;

namespace {

const QDateTime kT0(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);

TableMirroringStatus table(const QString &name, const char *status = "Replicating", qint64 rows = 100,
                           qint64 bytes = 1000)
{
    TableMirroringStatus t;
    t.sourceObjectType = EnumText<SourceObjectType>::fromText("Table");
    t.sourceSchemaName = QStringLiteral("dbo");
    t.sourceTableName = name;
    t.status = EnumText<TableStatus>::fromText(status);
    t.metrics = TableMirroringMetrics {bytes, rows, kT0, 5, {}};
    return t;
}

QList<TableMirroringStatus> tables(int count)
{
    QList<TableMirroringStatus> list;
    for (int i = 0; i < count; ++i)
        list.append(table(QStringLiteral("t%1").arg(i)));
    return list;
}

void refresh(TableStatusModel &model, const QList<TableMirroringStatus> &page, const QDateTime &at)
{
    model.beginRefresh(at);
    model.applyPage(page);
    model.endRefresh();
}

// "row:firstColumn-lastColumn" for each dataChanged, to compare exactly what was signalled.
QStringList signalled(const QSignalSpy &spy)
{
    QStringList result;
    for (const QList<QVariant> &arguments : spy) {
        const auto topLeft = arguments.at(0).value<QModelIndex>();
        const auto bottomRight = arguments.at(1).value<QModelIndex>();
        result << QStringLiteral("%1-%2:%3-%4").arg(topLeft.row()).arg(bottomRight.row())
                      .arg(topLeft.column()).arg(bottomRight.column());
    }
    return result;
}

} // namespace

class TestTableStatusModel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void initialLoadInsertsOnce();
    void unchangedRefreshSignalsNothing();
    void fewChangesAreSignalledPerRowAndColumn();
    void manyChangesAreOneRange();
    void pagesArriveOneByOne();
    void rates_data();
    void rates();
    void unknownStatusAndMissingMetrics();
    void underlyingDataAndReferenceTime();
    void lessThanIsTheProxyOrder_data();
    void lessThanIsTheProxyOrder();

private:
    std::unique_ptr<TableStatusModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestTableStatusModel::init()
{
    m_model = std::make_unique<TableStatusModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestTableStatusModel::initialLoadInsertsOnce()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    refresh(*m_model, tables(3), kT0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 2);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->columnCount(), int(TableStatusModel::ColumnCount));
    QCOMPARE(m_model->index(2, TableStatusModel::Table).data().toString(), QStringLiteral("t2"));
}

void TestTableStatusModel::unchangedRefreshSignalsNothing()
{
    refresh(*m_model, tables(5), kT0);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    // The second sample makes the rates known (0/s): only the two rate columns, as one range.
    refresh(*m_model, tables(5), kT0.addSecs(10));
    QCOMPARE(signalled(changed), QStringList {QStringLiteral("0-4:6-7")});
    changed.clear();
    refresh(*m_model, tables(5), kT0.addSecs(20));
    QCOMPARE(changed.size(), 0);
    QCOMPARE(reset.size() + removed.size() + inserted.size(), 0);
}

void TestTableStatusModel::fewChangesAreSignalledPerRowAndColumn()
{
    refresh(*m_model, tables(10), kT0);
    refresh(*m_model, tables(10), kT0.addSecs(10));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QList<TableMirroringStatus> page = tables(10);
    page[3].status = EnumText<TableStatus>::fromText("Failed");
    page[7].metrics->processedRows = 150; // rows and rows/s change, nothing else
    refresh(*m_model, page, kT0.addSecs(20));
    QCOMPARE(signalled(changed), (QStringList {QStringLiteral("3-3:3-3"), QStringLiteral("7-7:4-6")}));
    QCOMPARE(m_model->index(3, TableStatusModel::Status).data().toString(), QStringLiteral("Failed"));
    QCOMPARE(m_model->index(7, TableStatusModel::RowsPerSecond).data(TableStatusModel::UnderlyingDataRole).toDouble(), 5.0);
}

void TestTableStatusModel::manyChangesAreOneRange()
{
    refresh(*m_model, tables(10), kT0);
    refresh(*m_model, tables(10), kT0.addSecs(10));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QList<TableMirroringStatus> page = tables(10);
    for (int row : {1, 2, 4, 5, 6, 8})
        page[row].metrics->lastSyncLatencyInSeconds = 30;
    refresh(*m_model, page, kT0.addSecs(20));
    QCOMPARE(signalled(changed), QStringList {QStringLiteral("1-8:9-9")});
}

void TestTableStatusModel::pagesArriveOneByOne()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_model->beginRefresh(kT0);
    m_model->applyPage({table("a"), table("b")});
    QCOMPARE(m_model->rowCount(), 2); // the first page shows before the last arrives
    m_model->applyPage({table("c")});
    m_model->endRefresh();
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(m_model->rowCount(), 3);

    // Next cycle: b is gone, d is new, c moved to the first page.
    inserted.clear();
    m_model->beginRefresh(kT0.addSecs(10));
    m_model->applyPage({table("c"), table("a")});
    m_model->applyPage({table("d")});
    QCOMPARE(m_model->rowCount(), 4); // b is removed only when the cycle ends
    m_model->endRefresh();
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 1);
    QCOMPARE(removed.first().at(2).toInt(), 1);
    QCOMPARE(inserted.size(), 1);
    QStringList names;
    for (int row = 0; row < m_model->rowCount(); ++row)
        names << m_model->index(row, TableStatusModel::Table).data().toString();
    QCOMPARE(names, (QStringList {"a", "c", "d"}));
    QCOMPARE(m_model->index(1, 0).data(TableStatusModel::KeyRole).toString(),
             TableStatusRow::keyText(QStringLiteral("dbo"), QStringLiteral("c")));
}

void TestTableStatusModel::rates_data()
{
    QTest::addColumn<qint64>("rowsAfter");
    QTest::addColumn<qint64>("bytesAfter");
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QVariant>("rowsPerSecond");
    QTest::addColumn<QVariant>("bytesPerSecond");
    QTest::addRow("steady") << qint64(600) << qint64(6000) << 10 << QVariant(50.0) << QVariant(500.0);
    QTest::addRow("idle") << qint64(100) << qint64(1000) << 10 << QVariant(0.0) << QVariant(0.0);
    QTest::addRow("counter reset by a reseed") << qint64(10) << qint64(6000) << 10 << QVariant() << QVariant(500.0);
    QTest::addRow("above 2^31") << qint64(100) + 5000000000LL << qint64(1000) << 100 << QVariant(5e7) << QVariant(0.0);
}

void TestTableStatusModel::rates()
{
    QFETCH(qint64, rowsAfter);
    QFETCH(qint64, bytesAfter);
    QFETCH(int, seconds);
    QFETCH(QVariant, rowsPerSecond);
    QFETCH(QVariant, bytesPerSecond);
    refresh(*m_model, {table("t")}, kT0);
    QVERIFY(!m_model->index(0, TableStatusModel::RowsPerSecond).data(TableStatusModel::UnderlyingDataRole).isValid());
    refresh(*m_model, {table("t", "Replicating", rowsAfter, bytesAfter)}, kT0.addSecs(seconds));
    QCOMPARE(m_model->index(0, TableStatusModel::RowsPerSecond).data(TableStatusModel::UnderlyingDataRole), rowsPerSecond);
    QCOMPARE(m_model->index(0, TableStatusModel::BytesPerSecond).data(TableStatusModel::UnderlyingDataRole), bytesPerSecond);
}

void TestTableStatusModel::unknownStatusAndMissingMetrics()
{
    TableMirroringStatus odd = table("odd", "Throttled");
    odd.metrics.reset();
    odd.error = ErrorResponse {QStringLiteral("SourceTableNotFound"), QStringLiteral("Gone."), {}, {}, {}, {}, {}};
    refresh(*m_model, {odd}, kT0);
    QCOMPARE(m_model->index(0, TableStatusModel::Status).data().toString(), QStringLiteral("Throttled"));
    QCOMPARE(m_model->index(0, TableStatusModel::Status).data(TableStatusModel::StatusRole).toInt(), int(TableStatus::Unknown));
    for (int column : {TableStatusModel::ProcessedRows, TableStatusModel::ProcessedBytes, TableStatusModel::LastSync,
                       TableStatusModel::Latency})
        QVERIFY(!m_model->index(0, column).data().isValid());
    QCOMPARE(m_model->index(0, TableStatusModel::ErrorCode).data().toString(), QStringLiteral("SourceTableNotFound"));
    QCOMPARE(m_model->index(0, TableStatusModel::ErrorMessage).data().toString(), QStringLiteral("Gone."));
    refresh(*m_model, {odd}, kT0.addSecs(10)); // rates stay unknown without metrics
    QVERIFY(!m_model->index(0, TableStatusModel::RowsPerSecond).data().isValid());
}

void TestTableStatusModel::underlyingDataAndReferenceTime()
{
    TableMirroringStatus big = table("big", "Replicating", 5000000000LL, 9007199254740993LL);
    big.metrics->lastSyncDateTime = kT0.addMSecs(66);
    refresh(*m_model, {table("a"), big}, kT0);
    const QModelIndex rows = m_model->index(1, TableStatusModel::ProcessedRows);
    QCOMPARE(rows.data(TableStatusModel::UnderlyingDataRole).typeId(), QMetaType::LongLong);
    QCOMPARE(rows.data(TableStatusModel::UnderlyingDataRole).toLongLong(), 5000000000LL);
    QCOMPARE(m_model->index(1, TableStatusModel::ProcessedBytes).data(TableStatusModel::UnderlyingDataRole).toLongLong(),
             9007199254740993LL);
    const QModelIndex lastSync = m_model->index(1, TableStatusModel::LastSync);
    QCOMPARE(lastSync.data(TableStatusModel::UnderlyingDataRole).toDateTime(), kT0.addMSecs(66));
    QCOMPARE(lastSync.data(Qt::ToolTipRole).toString(), QStringLiteral("2026-01-01 12:00:00.066 UTC"));
    QCOMPARE(lastSync.data().toString(), QStringLiteral("2026-01-01 12:00:00.066 UTC"));

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setReferenceTime(kT0.addSecs(12));
    QCOMPARE(signalled(changed), QStringList {QStringLiteral("0-1:8-8")}); // the LastSync column only
    QCOMPARE(lastSync.data().toString(), QStringLiteral("11 s ago"));
    m_model->setReferenceTime(kT0.addSecs(7200));
    QCOMPARE(lastSync.data().toString(), QStringLiteral("1 h ago"));
    QCOMPARE(m_model->headerData(TableStatusModel::RowsPerSecond, Qt::Horizontal).toString(), QStringLiteral("Rows/s"));
}

void TestTableStatusModel::lessThanIsTheProxyOrder_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::CaseSensitivity>("cs");
    for (int column = 0; column < TableStatusModel::ColumnCount; ++column) {
        const QByteArray name = QMetaEnum::fromType<TableStatusModel::Column>().valueToKey(column);
        QTest::newRow(name + " case-insensitive") << column << Qt::CaseInsensitive;
        QTest::newRow(name + " case-sensitive") << column << Qt::CaseSensitive;
    }
}

void TestTableStatusModel::lessThanIsTheProxyOrder()
{
    // What the dashboard's proxy sorts by without QVariants must be the order the base class
    // gives UnderlyingDataRole: values missing here and there, ties, and mixed case.
    QFETCH(int, column);
    QFETCH(Qt::CaseSensitivity, cs);
    QList<TableMirroringStatus> first, second;
    const char *statuses[] = {"Replicating", "failed", "Failed", "Snapshotting", "Throttled"};
    for (int i = 0; i < 24; ++i) {
        TableMirroringStatus t = table(QStringLiteral("%1_%2").arg(i % 3 ? u'T' : u't').arg((i * 7) % 11),
                                       statuses[i % 5], 100 + (i * 37) % 9, 1000 + (i * 13) % 5);
        t.sourceSchemaName = i % 4 ? QStringLiteral("dbo") : QStringLiteral("Sales");
        t.sourceObjectType = EnumText<SourceObjectType>::fromText(i % 2 ? "Table" : "View");
        if (i % 5 == 0)
            t.metrics.reset();
        else if (i % 6 == 0)
            t.metrics->lastSyncLatencyInSeconds.reset();
        else
            t.metrics->lastSyncDateTime = kT0.addSecs(i % 4);
        if (i % 3 == 1)
            t.error = ErrorResponse {i % 2 ? QStringLiteral("SourceTableNotFound") : QStringLiteral("sourceGone"),
                                     QStringLiteral("Gone %1.").arg(i % 2), {}, {}, {}, {}, {}};
        first.append(t);
        if (t.metrics)
            t.metrics->processedRows = *t.metrics->processedRows + (i % 4) * 10; // rates differ
        second.append(t);
    }
    refresh(*m_model, first, kT0);
    refresh(*m_model, second, kT0.addSecs(10));

    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model.get());
    proxy.setSortRole(TableStatusModel::UnderlyingDataRole);
    proxy.setSortCaseSensitivity(cs);
    proxy.sort(column);
    QList<int> expected;
    for (int row = 0; row < proxy.rowCount(); ++row)
        expected.append(proxy.mapToSource(proxy.index(row, column)).row());
    QList<int> actual;
    for (int row = 0; row < m_model->rowCount(); ++row)
        actual.append(row);
    std::stable_sort(actual.begin(), actual.end(), [&](int a, int b) {
        return TableStatusModel::lessThan(m_model->rowAt(a), m_model->rowAt(b), column, cs);
    });
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(TestTableStatusModel)
#include "tst_tablestatusmodel.moc"
