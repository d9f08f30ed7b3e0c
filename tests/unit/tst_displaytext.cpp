// fmc::displayText(), displayMessage(), plainToolTip(), displayValue() and fullTextToolTip():
// what a list, label, title or tooltip shows of text from the service. Whoever names a table in
// a source database controls that text, so markup, control and bidi characters, lone surrogates
// and 100 KB names must come out as one bounded line of literal characters.
#include "models/displaytext.h"

#include <QElapsedTimer>
#include <QTest>
#include <QTextDocument>

using namespace fmc;

namespace {

const QChar kEllipsis(0x2026);
const QChar kReplacement(0xFFFD);

//! What a widget that guesses (a tooltip) shows: rich text when Qt thinks so, else plain.
QString shownAsToolTip(const QString &tip)
{
    QTextDocument document;
    if (Qt::mightBeRichText(tip))
        document.setHtml(tip);
    else
        document.setPlainText(tip);
    return document.toPlainText();
}

} // namespace

class TestDisplayText : public QObject
{
    Q_OBJECT

private slots:
    void displayText_data();
    void displayText();
    void cutKeepsSurrogatePairs();
    void longTextCostsNoMoreThanShort();
    void displayMessageKeepsLines();
    void plainToolTipShowsLiterally_data();
    void plainToolTipShowsLiterally();
    void modelRoles();
    void withoutMnemonics();
};

void TestDisplayText::displayText_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    const QString limit(kDisplayTextLimit, u'x');

    QTest::addRow("plain") << QStringLiteral("Sales") << QStringLiteral("Sales");
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("markup kept as characters")
        << QStringLiteral("<img src=\"/dev/zero\">") << QStringLiteral("<img src=\"/dev/zero\">");
    QTest::addRow("ampersand") << QStringLiteral("&File") << QStringLiteral("&File");
    QTest::addRow("placeholders") << QStringLiteral("%1 %2") << QStringLiteral("%1 %2");
    QTest::addRow("newline and tab") << QStringLiteral("a\nb\tc\r") << QStringLiteral("a b c ");
    QTest::addRow("NUL and controls") << QStringLiteral("a") + QChar(0) + QString::fromUtf16(u"b\u0007c\u009b")
                                      << QString(u'a') + kReplacement + u'b' + kReplacement + u'c' + kReplacement;
    QTest::addRow("line separator") << QString::fromUtf16(u"a\u2028b") << QString(u'a') + kReplacement + u'b';
    QTest::addRow("right-to-left override") << QString::fromUtf16(u"\u202Etxt.exe") << QStringLiteral("txt.exe");
    QTest::addRow("isolates") << QString::fromUtf16(u"\u2066a\u2069\u2067b\u2068") << QStringLiteral("ab");
    QTest::addRow("lone high surrogate") << QString::fromUtf16(u"a\xD800z") << QString(u'a') + kReplacement + u'z';
    QTest::addRow("lone low surrogate") << QString::fromUtf16(u"a\xDC00") << QString(u'a') + kReplacement;
    QTest::addRow("pair kept") << QString::fromUtf16(u"a\U0001F600") << QString::fromUtf16(u"a\U0001F600");
    QTest::addRow("exactly the limit") << limit << limit;
    QTest::addRow("one over the limit") << limit + u'y' << limit + kEllipsis;
    QTest::addRow("100 KB") << QString(100 * 1024, u'n') << QString(kDisplayTextLimit, u'n') + kEllipsis;
    QTest::addRow("100 KB of overrides") << QString(100 * 1024, QChar(0x202E)) << QString(kEllipsis);
}

void TestDisplayText::displayText()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QString shown = fmc::displayText(input);
    QCOMPARE(shown, expected);
    QVERIFY(shown.size() <= kDisplayTextLimit + 1); // the limit, then "…" when cut
}

void TestDisplayText::cutKeepsSurrogatePairs()
{
    QString input(kDisplayTextLimit - 2, u'x');
    for (int i = 0; i < 4; ++i)
        input += QString::fromUtf16(u"\U0001F600");
    const QString shown = fmc::displayText(input);
    QVERIFY(shown.size() <= kDisplayTextLimit + 1);
    QVERIFY(shown.endsWith(kEllipsis));
    for (qsizetype i = 0; i < shown.size(); ++i) {
        const QChar c = shown.at(i);
        if (c.isHighSurrogate())
            QVERIFY(i + 1 < shown.size() && shown.at(i + 1).isLowSurrogate());
        if (c.isLowSurrogate())
            QVERIFY(i > 0 && shown.at(i - 1).isHighSurrogate());
    }
}

void TestDisplayText::longTextCostsNoMoreThanShort()
{
    // Only a prefix is scanned: 10 MB is cut as fast as a line. A copy or a full scan of the
    // input would take milliseconds per call, and a view calls this for every painted cell.
    const QString huge(10 * 1024 * 1024, u'n');
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(fmc::displayText(huge).size(), kDisplayTextLimit + 1);
    QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
}

void TestDisplayText::displayMessageKeepsLines()
{
    QCOMPARE(displayMessage(QString::fromUtf16(u"Could not delete <b>x</b>\nAADSTS50011: \u202Eno")),
             QStringLiteral("Could not delete <b>x</b>\nAADSTS50011: no"));
    const QString cut = displayMessage(QString(100 * 1024, u'm'));
    QCOMPARE(cut.size(), kMessageTextLimit + 1);
    QVERIFY(cut.endsWith(kEllipsis));
}

void TestDisplayText::plainToolTipShowsLiterally_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("shown");
    QTest::addRow("image") << QStringLiteral("<img src=\"/dev/zero\">") << QStringLiteral("<img src=\"/dev/zero\">");
    QTest::addRow("link") << QStringLiteral("<a href=\"http://evil.example/\">x</a>")
                          << QStringLiteral("<a href=\"http://evil.example/\">x</a>");
    QTest::addRow("bold") << QStringLiteral("<b>") << QStringLiteral("<b>");
    QTest::addRow("entity") << QStringLiteral("&lt;&amp;") << QStringLiteral("&lt;&amp;");
    QTest::addRow("lines") << QStringLiteral("one\ntwo") << QStringLiteral("one\ntwo");
    QTest::addRow("plain") << QStringLiteral("Sales") << QStringLiteral("Sales");
}

void TestDisplayText::plainToolTipShowsLiterally()
{
    QFETCH(QString, input);
    QFETCH(QString, shown);
    QCOMPARE(shownAsToolTip(plainToolTip(input)), shown);
    QVERIFY(plainToolTip(QString()).isEmpty());
    QVERIFY(plainToolTip(QString(100 * 1024, u't')).size() < kToolTipTextLimit + 100);
}

void TestDisplayText::modelRoles()
{
    QCOMPARE(displayValue(42), QVariant(42));
    QCOMPARE(displayValue(QStringLiteral("a\nb")), QVariant(QStringLiteral("a b")));
    QVERIFY(!fullTextToolTip(42).isValid());
    QCOMPARE(textRole(Qt::EditRole, QStringLiteral("a\nb")), QVariant(QStringLiteral("a\nb")));
    QCOMPARE(textRole(Qt::DisplayRole, QStringLiteral("a\nb")), QVariant(QStringLiteral("a b")));
    QVERIFY(!fullTextToolTip(QStringLiteral("<b>short</b>")).isValid()); // shown whole already
    const QString longName = QString(300, u'l') + QStringLiteral("<b>end</b>");
    QCOMPARE(shownAsToolTip(fullTextToolTip(longName).toString()), longName);
}

void TestDisplayText::withoutMnemonics()
{
    QCOMPARE(fmc::withoutMnemonics(QStringLiteral("&File && more")), QStringLiteral("&&File &&&& more"));
}

QTEST_MAIN(TestDisplayText)
#include "tst_displaytext.moc"
