// ElidedLabel: a cut line is drawn ending in "…", exactly as a QLabel draws that shorter text;
// a line that fits, or wraps, is drawn as QLabel draws it; text() stays whole.
#include "ui/elidedlabel.h"

#include <QImage>
#include <QLabel>
#include <QTest>

using namespace fmc;

class TestElidedLabel : public QObject
{
    Q_OBJECT
private slots:
    void drawsWhatFits_data();
    void drawsWhatFits();
};

void TestElidedLabel::drawsWhatFits_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("wrap");
    QTest::addColumn<bool>("elided");
    const QString longLine = QStringLiteral("Error CatalogNotAccessible: The Databricks workspace connection has no "
                                            "USE CATALOG privilege on 'finance' and cannot read its schemas");
    QTest::newRow("fits") << QStringLiteral("3 tables · 0 rows") << false << false;
    QTest::newRow("too long") << longLine << false << true;
    QTest::newRow("too long, wrapped") << longLine << true << false;
    QTest::newRow("one long word") << QString(300, QLatin1Char('x')) << false << true;
}

void TestElidedLabel::drawsWhatFits()
{
    QFETCH(QString, text);
    QFETCH(bool, wrap);
    QFETCH(bool, elided);
    ElidedLabel label;
    label.setWordWrap(wrap);
    label.setText(text);
    label.setFixedSize(240, label.fontMetrics().height() * (wrap ? 4 : 1) + 4);
    QCOMPARE(label.isElided(), elided);
    QCOMPARE(label.text(), text); // only the drawing is cut

    // What a QLabel of the same size draws, given the text it should show.
    QLabel reference;
    reference.setTextFormat(Qt::PlainText);
    reference.setWordWrap(wrap);
    reference.setFixedSize(label.size());
    const QString shown = elided ? label.fontMetrics().elidedText(text, Qt::ElideRight, label.contentsRect().width())
                                 : text;
    QVERIFY(!elided || shown.endsWith(QChar(0x2026)));
    reference.setText(shown);
    const QImage drawn = label.grab().toImage();
    QCOMPARE(drawn, reference.grab().toImage());
    if (elided) {
        // And not what a plain QLabel draws with the whole text: that one is cut without a mark.
        QLabel cut;
        cut.setTextFormat(Qt::PlainText);
        cut.setFixedSize(label.size());
        cut.setText(text);
        QVERIFY(drawn != cut.grab().toImage());
    }
}

QTEST_MAIN(TestElidedLabel)
#include "tst_elidedlabel.moc"
