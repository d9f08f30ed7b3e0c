// Every window of the console (main, editor create and edit, dashboard for one and for all
// databases, settings, sign-in, about), filled from the sandbox: every interactive widget a user
// can reach has a name a screen reader can say (QAccessible's Name: an accessible name, or the
// text of the button, or of the label that is its buddy).

#include "tests/support/contrast.h"
#include "tests/support/windowcatalogue.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScopeGuard>
#include <QScrollBar>
#include <QTest>

#include <cmath>
#include <memory>

using namespace fmc::test;

namespace {

//! Parts Qt builds inside a control (a spin box's or combo box's line edit, a line edit's clear
//! button, scroll bars, headers, the tool bar's overflow button): the control is what is named.
bool isPartOfAControl(const QWidget *widget, const QWidget *window)
{
    if (qobject_cast<const QScrollBar *>(widget) || qobject_cast<const QHeaderView *>(widget)
        || widget->objectName().startsWith(QLatin1String("qt_")))
        return true;
    if (const auto *area = qobject_cast<const QAbstractScrollArea *>(widget->parentWidget());
        area && area->viewport() == widget)
        return true;
    for (const QWidget *p = widget->parentWidget(); p && p != window; p = p->parentWidget())
        if (qobject_cast<const QAbstractSpinBox *>(p) || qobject_cast<const QComboBox *>(p)
            || qobject_cast<const QLineEdit *>(p) || qobject_cast<const QScrollBar *>(p))
            return true;
    return false;
}

bool isInteractive(const QWidget *widget)
{
    return (widget->focusPolicy() & Qt::TabFocus) || qobject_cast<const QAbstractButton *>(widget);
}

//! "QLineEdit filterEdit" for each interactive widget of \a window without an accessible name.
QStringList unnamedControls(QWidget *window)
{
    QStringList unnamed;
    for (QWidget *widget : window->findChildren<QWidget *>()) {
        if (!widget->isVisibleTo(window) || isPartOfAControl(widget, window) || !isInteractive(widget))
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(widget);
        const QString name = iface ? iface->text(QAccessible::Name).trimmed() : QString();
        if (name.isEmpty())
            unnamed << QStringLiteral("%1 %2 in %3")
                           .arg(QString::fromLatin1(widget->metaObject()->className()), widget->objectName(),
                                QString::fromLatin1(widget->parentWidget()->metaObject()->className()));
    }
    return unnamed;
}

//! The shades of a dark desktop theme (Breeze Dark's, Adwaita-dark's).
QPalette darkPalette()
{
    QPalette p = QApplication::palette();
    const QColor window(0x35, 0x35, 0x35), base(0x2a, 0x2a, 0x2a), text(0xee, 0xee, 0xee);
    for (const auto role : {QPalette::Window, QPalette::Button})
        p.setColor(role, window);
    p.setColor(QPalette::Base, base);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(role, text);
    return p;
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyControlIsNamed_data();
    void everyControlIsNamed();
    void labelColoursReadableInADarkPalette_data();
    void labelColoursReadableInADarkPalette();

private:
    std::unique_ptr<WindowCatalogue> m_windows;
};

void TestAccessibility::initTestCase()
{
    m_windows = std::make_unique<WindowCatalogue>();
}

void TestAccessibility::cleanupTestCase()
{
    m_windows.reset();
}

void TestAccessibility::everyControlIsNamed_data()
{
    QTest::addColumn<QString>("window");
    for (const QString &name : WindowCatalogue::names())
        QTest::addRow("%s", qPrintable(name)) << name;
}

void TestAccessibility::everyControlIsNamed()
{
    QFETCH(QString, window);
    QString error;
    QWidget *shown = m_windows->open(window, QSize(1600, 1000), &error);
    QVERIFY2(shown, qPrintable(error));
    const QStringList unnamed = unnamedControls(shown);
    QVERIFY2(unnamed.isEmpty(),
             qPrintable(QStringLiteral("%1 unnamed: %2").arg(unnamed.size()).arg(unnamed.join(QStringLiteral(", ")))));
}

void TestAccessibility::labelColoursReadableInADarkPalette_data()
{
    everyControlIsNamed_data();
}

void TestAccessibility::labelColoursReadableInADarkPalette()
{
    // The desktop's dark palette: every label, shown or waiting for an error to show, is
    // readable (WCAG AA 4.5:1) on the window; a colour fixed for light themes is not.
    QFETCH(QString, window);
    const QPalette before = QApplication::palette();
    const auto restore = qScopeGuard([&] { QApplication::setPalette(before); });
    QApplication::setPalette(darkPalette());
    QString error;
    QWidget *shown = m_windows->open(window, QSize(1600, 1000), &error);
    QVERIFY2(shown, qPrintable(error));
    const QColor background = shown->palette().color(QPalette::Window);
    QCOMPARE(background, QColor(0x35, 0x35, 0x35));
    QStringList unreadable;
    for (QLabel *label : shown->findChildren<QLabel *>()) {
        label->ensurePolished();
        const QColor text = label->palette().color(QPalette::Active, QPalette::WindowText);
        if (contrast(text, background) < 4.5)
            unreadable << QStringLiteral("%1 %2 (%3)").arg(label->objectName(), text.name(), label->text().left(40));
    }
    QVERIFY2(unreadable.isEmpty(), qPrintable(unreadable.join(QStringLiteral(", "))));
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
