// Every window of the console, filled from the sandbox, at 1024×700 and at 1600×1000: no label
// or line edit shows text cut off (a label may be cut when its tooltip carries the whole text,
// as the dashboard's compact headers do), and at 1600 px no list needs a horizontal scroll bar.

#include "tests/support/windowcatalogue.h"

#include <QAbstractItemView>
#include <QPixmap>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStyle>
#include <QTest>
#include <QTextDocument>
#include <QTextLayout>

#include <cmath>

#include <memory>

using namespace fmc::test;

namespace {

QString describe(const QWidget *widget)
{
    return QStringLiteral("%1 %2").arg(QString::fromLatin1(widget->metaObject()->className()),
                                       widget->objectName().isEmpty() ? QStringLiteral("(no objectName)")
                                                                      : widget->objectName());
}

//! What \a label shows, as plain text.
QString shownText(const QLabel *label)
{
    const bool rich = label->textFormat() == Qt::RichText
                      || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
    QString text = label->text();
    if (rich) {
        QTextDocument doc;
        doc.setHtml(text);
        text = doc.toPlainText();
    } else if (label->buddy()) {
        text.replace(QRegularExpression(QStringLiteral("&(?!&)")), QString()); // the mnemonic
    }
    return text;
}

//! The widest line of \a text word-wrapped to \a width, as QLabel wraps it: wider than \a width
//! when a word has no break opportunity.
int widestWrappedLine(const QString &text, const QFont &font, int width)
{
    int widest = 0;
    for (const QString &paragraph : text.split(u'\n')) {
        QTextLayout layout(paragraph, font);
        QTextOption option;
        option.setWrapMode(QTextOption::WordWrap);
        layout.setTextOption(option);
        layout.beginLayout();
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            widest = std::max(widest, int(std::ceil(line.naturalTextWidth())));
        }
        layout.endLayout();
    }
    return widest;
}

QStringList clippedLabels(QWidget *window)
{
    QStringList problems;
    for (QLabel *label : window->findChildren<QLabel *>()) {
        if (!label->isVisible() || label->text().isEmpty() || label->width() <= 0)
            continue;
        const QString text = shownText(label);
        if (text.trimmed().isEmpty() || (!label->toolTip().isEmpty() && label->toolTip().contains(text)))
            continue;
        const QRect room = label->contentsRect().adjusted(label->margin(), label->margin(), -label->margin(),
                                                          -label->margin());
        if (label->wordWrap()) {
            const int needed = label->heightForWidth(label->width());
            if (needed > label->height() + 1)
                problems << QStringLiteral("%1 needs %2 px of height, has %3: \"%4\"")
                                .arg(describe(label))
                                .arg(needed)
                                .arg(label->height())
                                .arg(text.left(60));
            // A word longer than the line (an id, a path) runs past the edge however tall it is.
            const int widest = widestWrappedLine(text, label->font(), room.width());
            if (widest > room.width() + 1)
                problems << QStringLiteral("%1 has a %2 px word in %3 px: \"%4\"")
                                .arg(describe(label))
                                .arg(widest)
                                .arg(room.width())
                                .arg(text.left(60));
            continue;
        }
        const QFontMetrics metrics = label->fontMetrics();
        int widest = 0;
        for (const QString &line : text.split(u'\n'))
            widest = std::max(widest, metrics.horizontalAdvance(line));
        if (widest > room.width() + 1)
            problems << QStringLiteral("%1 needs %2 px, has %3: \"%4\"")
                            .arg(describe(label))
                            .arg(widest)
                            .arg(room.width())
                            .arg(text.left(60));
    }
    return problems;
}

QStringList clippedLineEdits(QWidget *window)
{
    QStringList problems;
    for (QLineEdit *edit : window->findChildren<QLineEdit *>()) {
        if (!edit->isVisible() || edit->echoMode() != QLineEdit::Normal)
            continue;
        const QString text = edit->text().isEmpty() ? edit->placeholderText() : edit->text();
        if (text.isEmpty())
            continue;
        // QLineEdit's own inner margins: the frame and 2 px each side (QLineEditPrivate), and the
        // clear button when it shows.
        const int frame = edit->hasFrame() ? edit->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, edit)
                                           : 0;
        int room = edit->contentsRect().width() - edit->textMargins().left() - edit->textMargins().right() - 2 * frame
                   - 4;
        if (edit->isClearButtonEnabled() && !edit->text().isEmpty())
            room -= edit->height();
        const int needed = edit->fontMetrics().horizontalAdvance(text);
        if (needed > room + 1)
            problems << QStringLiteral("%1 needs %2 px, has %3: \"%4\"")
                            .arg(describe(edit))
                            .arg(needed)
                            .arg(room)
                            .arg(text.left(60));
    }
    return problems;
}

QStringList scrollingLists(QWidget *window)
{
    QStringList problems;
    for (QAbstractItemView *view : window->findChildren<QAbstractItemView *>()) {
        if (!view->isVisible() || !view->model() || view->model()->rowCount() == 0)
            continue;
        if (view->horizontalScrollBar()->maximum() > 0)
            problems << QStringLiteral("%1 scrolls %2 px sideways in %3 px")
                            .arg(describe(view))
                            .arg(view->horizontalScrollBar()->maximum())
                            .arg(view->viewport()->width());
    }
    return problems;
}

} // namespace

class TestWindowLayout : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void textFitsAndListsDoNotScroll_data();
    void textFitsAndListsDoNotScroll();

private:
    std::unique_ptr<WindowCatalogue> m_windows;
};

void TestWindowLayout::initTestCase()
{
    m_windows = std::make_unique<WindowCatalogue>();
}

void TestWindowLayout::cleanupTestCase()
{
    m_windows.reset();
}

void TestWindowLayout::textFitsAndListsDoNotScroll_data()
{
    QTest::addColumn<QString>("window");
    QTest::addColumn<QSize>("size");
    for (const QString &name : WindowCatalogue::names())
        for (const QSize size : {QSize(1024, 700), QSize(1600, 1000)})
            QTest::addRow("%s %dx%d", qPrintable(name), size.width(), size.height()) << name << size;
}

void TestWindowLayout::textFitsAndListsDoNotScroll()
{
    QFETCH(QString, window);
    QFETCH(QSize, size);
    QString error;
    QWidget *shown = m_windows->open(window, size, &error);
    QVERIFY2(shown, qPrintable(error));
    // The last answer's text may still have its layout request queued (a details value that
    // wraps was found 7 px short on a loaded machine): what is laid out in the next turns of the
    // event loop is not a problem, what is still clipped after a second is.
    QStringList problems;
    const bool settled = QTest::qWaitFor([&] {
        problems = clippedLabels(shown) + clippedLineEdits(shown);
        if (size.width() >= 1600)
            problems += scrollingLists(shown);
        return problems.isEmpty();
    }, 1000);
    // For looking at them: FMC_LAYOUT_GRAB_DIR=DIR saves each window as DIR/NAME-WxH.png.
    if (const QString dir = qEnvironmentVariable("FMC_LAYOUT_GRAB_DIR"); !dir.isEmpty())
        shown->grab().save(QStringLiteral("%1/%2-%3x%4.png").arg(dir, window).arg(size.width()).arg(size.height()));
    QVERIFY2(settled, qPrintable(problems.join(QStringLiteral("\n    "))));
}

QTEST_MAIN(TestWindowLayout)
#include "tst_window_layout.moc"
