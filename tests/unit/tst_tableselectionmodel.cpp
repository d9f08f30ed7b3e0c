#include "models/tableselectionmodel.h"

#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;

namespace {

QStringList names(const QList<MountedTable> &tables)
{
    QStringList result;
    for (const MountedTable &t : tables)
        result << t.schemaName + u'|' + t.tableName;
    return result;
}

} // namespace

class TestTableSelectionModel : public QObject
{
    Q_OBJECT
private slots:
    void parseLine_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("table");
        QTest::addRow("dotted") << "dbo.Orders" << true << "dbo" << "Orders";
        QTest::addRow("spaces around") << "  sales.Customers \r" << true << "sales" << "Customers";
        QTest::addRow("brackets") << "[dbo].[Order Details]" << true << "dbo" << "Order Details";
        QTest::addRow("bracket with dot") << "[dbo].[a.b]" << true << "dbo" << "a.b";
        QTest::addRow("escaped bracket") << "[dbo].[x]]y]" << true << "dbo" << "x]y";
        QTest::addRow("double quotes") << "\"Sales\".\"Line Items\"" << true << "Sales" << "Line Items";
        QTest::addRow("tab") << "dbo\tOrders" << true << "dbo" << "Orders";
        QTest::addRow("comma") << "dbo,Orders" << true << "dbo" << "Orders";
        QTest::addRow("csv quoted") << "\"dbo\",\"a,b\"" << true << "dbo" << "a,b";
        QTest::addRow("semicolon") << "dbo;Orders" << true << "dbo" << "Orders";
        QTest::addRow("csv header") << "schemaName,tableName" << true << "" << "";
        QTest::addRow("blank") << "   " << true << "" << "";
        QTest::addRow("comment") << "# tables" << true << "" << "";
        QTest::addRow("no schema") << "Orders" << false << "" << "";
        QTest::addRow("three parts") << "db.dbo.Orders" << false << "" << "";
        QTest::addRow("empty table") << "dbo." << false << "" << "";
        QTest::addRow("empty schema") << ",Orders" << false << "" << "";
        QTest::addRow("unclosed bracket") << "[dbo.Orders" << false << "" << "";
    }
    void parseLine()
    {
        QFETCH(QString, line);
        QFETCH(bool, ok);
        QString error;
        const auto parsed = TableSelectionModel::parseLine(line, &error);
        QCOMPARE(parsed.has_value(), ok);
        if (ok) {
            QTEST(parsed->schemaName, "schema");
            QTEST(parsed->tableName, "table");
        } else {
            QVERIFY(!error.isEmpty());
        }
    }

    void addFromText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("duplicates");
        QTest::addColumn<int>("overLimit");
        QTest::addColumn<QStringList>("problems");
        QTest::addRow("lines")
            << "dbo.A\ndbo.B\r\n\nsales.C\n" << 10 << QStringList{"dbo|A", "dbo|B", "sales|C"} << 0 << 0 << QStringList{};
        QTest::addRow("duplicates without case")
            << "dbo.A\nDBO.a\n[dbo].[A]\ndbo.B" << 10 << QStringList{"dbo|A", "dbo|B"} << 2 << 0 << QStringList{};
        QTest::addRow("bad lines numbered")
            << "dbo.A\nnoschema\ndbo.\ndbo.B" << 10 << QStringList{"dbo|A", "dbo|B"} << 0 << 0
            << QStringList{"Line 2: “noschema” is not a table; write schema.table, such as dbo.Orders.",
                           "Line 3: “dbo.” is not a table; write schema.table, such as dbo.Orders."};
        QTest::addRow("csv with header")
            << "schemaName,tableName\ndbo,A\n\"dbo\",\"B\"" << 10 << QStringList{"dbo|A", "dbo|B"} << 0 << 0 << QStringList{};
        QTest::addRow("over the limit")
            << "dbo.A\ndbo.B\ndbo.C\ndbo.D" << 2 << QStringList{"dbo|A", "dbo|B"} << 0 << 2
            << QStringList{"At most 2 tables can be mirrored from this source; uncheck some tables first, or choose "
                           "“Mirror all data”."};
    }
    void addFromText()
    {
        QFETCH(QString, text);
        QFETCH(int, limit);
        TableSelectionModel model;
        model.setLimit(limit);
        QSignalSpy spy(&model, &TableSelectionModel::selectionChanged);
        const auto result = model.addFromText(text);
        QTEST(names(model.checkedTables()), "expected");
        QTEST(result.duplicates, "duplicates");
        QTEST(result.overLimit, "overLimit");
        QTEST(result.problems, "problems");
        QCOMPARE(result.added, model.rowCount());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(model.lastMessage(), result.summary());
    }

    void addTablesChecksAndCollapses()
    {
        TableSelectionModel model;
        model.setLimit(3);
        model.addKnownTables({{QStringLiteral("dbo"), QStringLiteral("A")}});
        const auto result = model.addTables({{QStringLiteral("DBO"), QStringLiteral("a")}, {QStringLiteral("dbo"), QStringLiteral("B")},
                                             {QStringLiteral("dbo"), QStringLiteral("b")}, {QStringLiteral("dbo"), QString()},
                                             {QStringLiteral("dbo"), QStringLiteral("C")}, {QStringLiteral("dbo"), QStringLiteral("D")}});
        QCOMPARE(names(model.checkedTables()), (QStringList{"dbo|A", "dbo|B", "dbo|C"}));
        QCOMPARE(result.added, 3);
        QCOMPARE(result.duplicates, 1);
        QCOMPARE(result.overLimit, 1);
    }

    void addTableRefusals()
    {
        TableSelectionModel model;
        model.setLimit(2);
        QVERIFY(model.addTable(QStringLiteral("dbo"), QStringLiteral("A")));
        QVERIFY(!model.addTable(QStringLiteral("dbo"), QString()));
        QCOMPARE(model.lastMessage(), QStringLiteral("A table needs both a schema name and a table name."));
        QVERIFY(!model.addTable(QStringLiteral("DBO"), QStringLiteral("a")));
        QCOMPARE(model.lastMessage(), QStringLiteral("DBO.a is already listed."));
        QVERIFY(model.addTable(QStringLiteral("dbo"), QStringLiteral("B")));
        QVERIFY(!model.addTable(QStringLiteral("dbo"), QStringLiteral("C")));
        QVERIFY(model.lastMessage().startsWith(QStringLiteral("At most 2 tables")));
        QCOMPARE(model.checkedCount(), 2);
    }

    void checkingRespectsLimit()
    {
        TableSelectionModel model;
        model.setLimit(1);
        model.addKnownTables({{QStringLiteral("dbo"), QStringLiteral("A")}, {QStringLiteral("dbo"), QStringLiteral("B")}});
        QCOMPARE(model.checkedCount(), 0);
        QVERIFY(model.setData(model.index(0, 0), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(!model.setData(model.index(1, 0), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model.data(model.index(1, 0), Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(model.setData(model.index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(model.setData(model.index(1, 0), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(names(model.checkedTables()), QStringList{"dbo|B"});
        // Adding a known but unchecked table checks it instead of listing it twice.
        model.setLimit(5);
        QVERIFY(model.addTable(QStringLiteral("dbo"), QStringLiteral("a")));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(names(model.checkedTables()), (QStringList{"dbo|A", "dbo|B"}));
    }

    void editAndRemove()
    {
        TableSelectionModel model;
        model.setTables({{QStringLiteral("dbo"), QStringLiteral("A")}, {QStringLiteral("dbo"), QStringLiteral("B")},
                         {QStringLiteral("s"), QStringLiteral("C")}});
        QVERIFY(!model.setData(model.index(0, 1), QStringLiteral("b")));  // would duplicate dbo.B
        QVERIFY(!model.setData(model.index(0, 1), QStringLiteral("  ")));
        QVERIFY(model.setData(model.index(0, 1), QStringLiteral("A2")));
        model.removeTableRows({2, 0, 2});
        QCOMPARE(names(model.checkedTables()), QStringList{"dbo|B"});
    }

    void filterProxy()
    {
        TableSelectionModel model;
        model.addFromText(QStringLiteral("dbo.Orders\nsales.Customers\nsales.OrderLines"));
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterKeyColumn(-1);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy.setFilterFixedString(QStringLiteral("order"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setFilterFixedString(QStringLiteral("SALES"));
        QCOMPARE(proxy.rowCount(), 2);
    }

    //! 100,000 pasted lines (with duplicates and a few bad lines) arrive in one insert, each
    //! table once; the index stays right after rows move. (This once froze the GUI for
    //! 73 s.)
    void paste100kLines()
    {
        constexpr int kLines = 100000;
        QString text;
        text.reserve(kLines * 24);
        for (int i = 0; i < kLines; ++i) {
            if (i % 1000 == 999)
                text += QStringLiteral("not a table %1\n").arg(i);  // 100 bad lines
            else if (i % 10 == 9)
                text += QStringLiteral("SALES.T%1\n").arg(i - 9);   // a duplicate, other case
            else
                text += QStringLiteral("sales.T%1\n").arg(i);
        }
        TableSelectionModel model;
        model.setLimit(kLines);
        model.addKnownTables({{QStringLiteral("sales"), QStringLiteral("T5")}}); // unchecked: gets checked
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy selection(&model, &TableSelectionModel::selectionChanged);
        const auto result = model.addFromText(text);
        const int duplicates = kLines / 10 - kLines / 1000;
        const int expected = kLines - kLines / 1000 - duplicates;
        QCOMPARE(result.added, expected);
        QCOMPARE(result.duplicates, duplicates);
        QCOMPARE(result.overLimit, 0);
        QCOMPARE(model.rowCount(), expected);
        QCOMPARE(model.checkedCount(), expected);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(selection.count(), 1);
        // Bounded message: 20 bad lines named, the other 80 counted.
        QCOMPARE(result.problems.size(), TableSelectionModel::kMaxProblemsListed + 1);
        QCOMPARE(result.problems.constFirst(), QStringLiteral("Line 1000: “not a table 999” is not a table; write "
                                                              "schema.table, such as dbo.Orders."));
        QCOMPARE(result.problems.constLast(), QStringLiteral("80 more lines are not tables either."));
        QVERIFY(model.lastMessage().size() < 4000);
        // Lookups after the paste and after rows moved (the index is rebuilt).
        QVERIFY(!model.addTable(QStringLiteral("Sales"), QStringLiteral("t99990")));
        model.removeTableRows({0, 1});
        QVERIFY(model.addTable(QStringLiteral("sales"), QStringLiteral("T5")));
        QVERIFY(!model.addTable(QStringLiteral("sales"), QStringLiteral("T99990")));
        QCOMPARE(model.checkedCount(), expected - 1);
    }

    void pasteOverLimitStillOneInsert()
    {
        TableSelectionModel model;
        model.setLimit(500);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QStringList lines;
        for (int i = 0; i < 5000; ++i)
            lines << QStringLiteral("dbo.t%1").arg(i);
        const auto result = model.addFromText(lines.join(u'\n'));
        QCOMPARE(result.added, 500);
        QCOMPARE(result.overLimit, 4500);
        QCOMPARE(model.rowCount(), 500);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(2).toInt(), 499);
    }

    void longBadLineIsCut_data()
    {
        QTest::addColumn<int>("length");
        QTest::addColumn<bool>("cut");
        QTest::addRow("short") << 20 << false;
        QTest::addRow("at the excerpt length") << TableSelectionModel::kExcerptLength << false;
        QTest::addRow("one more") << TableSelectionModel::kExcerptLength + 1 << true;
        QTest::addRow("1 MB") << 1024 * 1024 << true;
    }
    //! A megabyte of garbage on one line is quoted by its start and its line number, not whole.
    void longBadLineIsCut()
    {
        QFETCH(int, length);
        QFETCH(bool, cut);
        const QString bad = QString(length, u'x');
        TableSelectionModel model;
        const auto result = model.addFromText(QStringLiteral("dbo.A\n") + bad + QStringLiteral("\ndbo.B"));
        QCOMPARE(result.added, 2);
        QCOMPARE(result.problems.size(), 1);
        const QString problem = result.problems.constFirst();
        QVERIFY2(problem.startsWith(QStringLiteral("Line 2: “")), qPrintable(problem));
        if (cut) {
            QVERIFY2(problem.contains(QString(TableSelectionModel::kExcerptLength, u'x') + QChar(0x2026) + u'”'),
                     qPrintable(problem));
            QVERIFY2(problem.contains(QStringLiteral("(%1 characters)").arg(length)), qPrintable(problem));
            QVERIFY(problem.size() < 200);
        } else {
            QVERIFY2(problem.contains(u'“' + bad + u'”'), qPrintable(problem));
        }
        QVERIFY(model.lastMessage().contains(problem));
        QVERIFY(model.lastMessage().size() < 300);
    }

    void excerptKeepsSurrogatePairs()
    {
        // An emoji straddling the cut is dropped whole rather than halved.
        const QString bad = QString(TableSelectionModel::kExcerptLength - 1, u'y') + QStringLiteral("\U0001F600")
            + QString(100, u'y');
        QString why;
        QVERIFY(!TableSelectionModel::parseLine(bad, &why));
        QVERIFY2(why.contains(QString(TableSelectionModel::kExcerptLength - 1, u'y') + QChar(0x2026)), qPrintable(why));
    }

    void tooLongTextIsRefused()
    {
        TableSelectionModel model;
        const QString huge(TableSelectionModel::kMaxTextLength + 1, u'x');
        const auto result = model.addFromText(huge);
        QCOMPARE(result.added, 0);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY2(model.lastMessage().contains(QStringLiteral("too long")), qPrintable(model.lastMessage()));
        QVERIFY(model.lastMessage().size() < 300);
    }

    void importFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tables.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("schema,table\r\ndbo,A\r\nbad\r\n");
        file.close();
        TableSelectionModel model;
        const auto result = model.importFile(path);
        QCOMPARE(names(model.checkedTables()), QStringList{"dbo|A"});
        QCOMPARE(result.problems, QStringList{"Line 3: “bad” is not a table; write schema.table, such as dbo.Orders."});
        const auto missing = model.importFile(dir.filePath(QStringLiteral("missing.txt")));
        QCOMPARE(missing.added, 0);
        QVERIFY(missing.problems.value(0).startsWith(QStringLiteral("Cannot read missing.txt")));
    }
};

QTEST_GUILESS_MAIN(TestTableSelectionModel)
#include "tst_tableselectionmodel.moc"
