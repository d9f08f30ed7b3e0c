// The diff shown before Apply (DefinitionDiff): unticking tables removes whole entries, a changed
// value is one row with both sides, long unchanged runs are folded, and the summary says in words
// what changes.
#include "models/definitiondiff.h"
#include "models/mirroringdefinition.h"
#include "tests/support/definitionfixtures.h"

#include <QTest>

using namespace fmc;

namespace {

using Kind = DiffRow::Kind;

MirroringDefinition withTables(const QStringList &names, int retention = 7)
{
    MirroringDefinition d = test::definitionWithTables(names);
    if (retention != 7)
        d.setRetentionInDays(retention);
    return d;
}

QStringList lines(const MirroringDefinition &d)
{
    return DefinitionDiff::linesOf(d.toJsonBytes());
}

QList<DiffRow> changedRows(const QList<DiffRow> &rows)
{
    QList<DiffRow> changed;
    for (const DiffRow &row : rows)
        if (row.kind != Kind::Same && row.kind != Kind::Folded)
            changed.append(row);
    return changed;
}

} // namespace

class TestDefinitionDiff : public QObject
{
    Q_OBJECT
private slots:
    void untickedTableIsOneWholeEntry_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<QString>("removed");
        const QStringList four{"dbo.a", "dbo.b", "dbo.c", "dbo.d"};
        QTest::addRow("first") << four << QStringList{"dbo.b", "dbo.c", "dbo.d"} << "a";
        QTest::addRow("second") << four << QStringList{"dbo.a", "dbo.c", "dbo.d"} << "b";
        QTest::addRow("third") << four << QStringList{"dbo.a", "dbo.b", "dbo.d"} << "c";
        QTest::addRow("same schema, similar names")
            << QStringList{"dbo.t1", "dbo.t2", "dbo.t3"} << QStringList{"dbo.t1", "dbo.t3"} << "t2";
    }
    //! Unticking one table shows its entry, from its opening to its closing brace, as removed:
    //! no other line changes and nothing is added.
    void untickedTableIsOneWholeEntry()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        QFETCH(QString, removed);
        const QStringList old = lines(withTables(before));
        const QList<DiffRow> changed = changedRows(DefinitionDiff::rows(old, lines(withTables(after))));
        QVERIFY(!changed.isEmpty());
        QStringList text;
        for (const DiffRow &row : changed) {
            QCOMPARE(row.kind, Kind::Removed);
            QCOMPARE(row.newLine, 0);
            text << row.oldText;
        }
        // One entry, in order, from "{" to "}," with the table's name inside.
        QCOMPARE(text.constFirst().trimmed(), QStringLiteral("{"));
        QCOMPARE(text.constLast().trimmed(), QStringLiteral("},"));
        QCOMPARE(indentOf(text.constFirst()), indentOf(text.constLast()));
        QVERIFY2(text.join(u'\n').contains(QStringLiteral("\"%1\"").arg(removed)), qPrintable(text.join(u'\n')));
        for (qsizetype i = 1; i < changed.size(); ++i)
            QCOMPARE(changed.at(i).oldLine, changed.at(i - 1).oldLine + 1);
    }

    //! A changed value is one row with the old line on the left and the new one on the right,
    //! each with its own line number, and every unchanged row has both.
    void changedValueIsOneAlignedRow()
    {
        MirroringDefinition before = withTables({"dbo.a"});
        before.setRetentionInDays(7);
        MirroringDefinition after = withTables({"dbo.a"});
        after.setRetentionInDays(14);
        const QStringList old = lines(before);
        const QStringList now = lines(after);
        const QList<DiffRow> rows = DefinitionDiff::rows(old, now, -1);
        const QList<DiffRow> changed = changedRows(rows);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.constFirst().kind, Kind::Changed);
        QVERIFY(changed.constFirst().newText.contains(QStringLiteral("14")));
        QVERIFY(changed.constFirst().oldLine > 0 && changed.constFirst().newLine > 0);
        for (const DiffRow &row : rows) {
            if (row.kind == Kind::Same)
                QCOMPARE(row.oldText, row.newText);
        }
        QCOMPARE(DefinitionDiff::unifiedText(old, now)
                     .split(u'\n')
                     .filter(QRegularExpression(QStringLiteral("^[-+] ")))
                     .size(),
                 2);
    }

    //! Unchanged runs longer than the context are one Folded row that says how many lines it hides.
    void foldsLongUnchangedRuns()
    {
        QStringList before;
        for (int i = 0; i < 40; ++i)
            before << QStringLiteral("line %1").arg(i);
        QStringList after = before;
        after[20] = QStringLiteral("changed");
        const QList<DiffRow> rows = DefinitionDiff::rows(before, after, 3);
        QCOMPARE(rows.size(), 1 + 3 + 1 + 3 + 1);
        QCOMPARE(rows.at(0).kind, Kind::Folded);
        QCOMPARE(rows.at(0).folded, 17);
        QCOMPARE(rows.at(4).kind, Kind::Changed);
        QCOMPARE(rows.at(4).oldLine, 21);
        QCOMPARE(rows.at(8).kind, Kind::Folded);
        QCOMPARE(rows.at(8).folded, 16);
        QVERIFY(DefinitionDiff::rows(before, before, 3).constFirst().kind == Kind::Folded);
    }

    void summary_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<int>("retentionBefore");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<int>("retentionAfter");
        QTest::addColumn<QString>("expected");
        const QStringList three{"dbo.a", "dbo.b", "dbo.c"};
        QTest::addRow("nothing") << three << 7 << three << 7 << "";
        QTest::addRow("two removed, retention")
            << three << 7 << QStringList{"dbo.c"} << 14 << "2 tables removed: dbo.a, dbo.b; retention 7 → 14 days";
        QTest::addRow("one added") << three << 7 << QStringList{"dbo.a", "dbo.b", "dbo.c", "sales.Orders"} << 7
                                   << "1 table added: sales.Orders";
        QTest::addRow("case only is the same table")
            << QStringList{"dbo.a"} << 7 << QStringList{"DBO.A"} << 7 << "other changes in mirroring.json";
        QTest::addRow("many removed") << QStringList{"s.1", "s.2", "s.3", "s.4", "s.5", "s.6", "s.7"} << 7
                                      << QStringList{} << 7 << "7 tables removed: s.1, s.2, s.3, s.4, s.5 and 2 more";
    }
    void summary()
    {
        QFETCH(QStringList, before);
        QFETCH(int, retentionBefore);
        QFETCH(QStringList, after);
        QFETCH(int, retentionAfter);
        QFETCH(QString, expected);
        QCOMPARE(DefinitionDiff::summary(withTables(before, retentionBefore), withTables(after, retentionAfter))
                     .join(QStringLiteral("; ")),
                 expected);
    }

    void summaryOfMirrorAll()
    {
        MirroringDefinition all = withTables({});
        all.setMirrorAll(true);
        QCOMPARE(DefinitionDiff::summary(all, withTables({"dbo.a", "dbo.b"})),
                 QStringList{QStringLiteral("mirror all data → only 2 chosen tables")});
        QCOMPARE(DefinitionDiff::summary(withTables({"dbo.a"}), all),
                 QStringList{QStringLiteral("only the chosen tables → mirror all data")});
    }

private:
    static int indentOf(const QString &line)
    {
        int n = 0;
        while (n < line.size() && line.at(n) == u' ')
            ++n;
        return n;
    }
};

QTEST_GUILESS_MAIN(TestDefinitionDiff)
#include "tst_definitiondiff.moc"
