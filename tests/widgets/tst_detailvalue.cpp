// DetailValue: the details pane's values wrap within the pane. Only words wider than the label
// get break opportunities; copying leaves them out.

#include "ui/mainwindow/detailvalue.h"

#include <QApplication>
#include <QClipboard>
#include <QTest>

using fmc::DetailValue;

namespace {
constexpr QChar kBreak(0x200B);
}

class TestDetailValue : public QObject
{
    Q_OBJECT
private slots:
    void breakable_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("widthInChars"); // the label's width, in widths of "x"
        QTest::addColumn<QString>("expected"); // '|' marks a break opportunity
        QTest::addRow("words that fit stay whole") << "1 Failed, 39 Replicating" << 12 << "1 Failed, 39 Replicating";
        QTest::addRow("an id wider than the label") << "288e79ed-75" << 6 << "2|8|8|e|7|9|e|d|-|7|5";
        QTest::addRow("only the wide word breaks") << "table inventory.payments_1 failed" << 12
                                                   << "table i|n|v|e|n|t|o|r|y|.|p|a|y|m|e|n|t|s|_|1 failed";
        QTest::addRow("a surrogate pair stays whole") << QStringLiteral("ab\U0001F600cdefghijkl") << 4
                                                      << QStringLiteral("a|b|\U0001F600|c|d|e|f|g|h|i|j|k|l");
        QTest::addRow("empty") << "" << 4 << "";
    }
    void breakable()
    {
        QFETCH(QString, text);
        QFETCH(int, widthInChars);
        QFETCH(QString, expected);
        const QFontMetrics metrics(QApplication::font());
        const int width = widthInChars * metrics.horizontalAdvance(QLatin1Char('x'));
        QCOMPARE(DetailValue::breakable(text, metrics, width).replace(kBreak, QLatin1Char('|')), expected);
    }

    void copiesWithoutBreaks()
    {
        DetailValue value;
        value.resize(80, 200);
        value.show();
        QVERIFY(QTest::qWaitForWindowExposed(&value));
        const QString path = QStringLiteral("https://onelake.dfs.fabric.microsoft.com/39e398ad-3e62/Tables");
        value.setValue(path);
        QVERIFY(value.text().contains(kBreak));
        QCOMPARE(value.value(), path);
        QVERIFY(value.heightForWidth(80) > value.fontMetrics().height() * 3); // wrapped on many lines
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(&value, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), path);
        // Wide enough: no break opportunity at all.
        value.resize(value.fontMetrics().horizontalAdvance(path) + 20, 40);
        QTRY_VERIFY(!value.text().contains(kBreak));
    }
};

QTEST_MAIN(TestDetailValue)
#include "tst_detailvalue.moc"
