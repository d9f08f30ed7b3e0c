#pragma once
// Driving the definition editor with the mouse and keyboard, shared by its widget test and its
// end-to-end test against the sandbox.

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTest>

namespace fmc::test {

template<typename T>
T *child(QWidget *parent, const char *name)
{
    T *widget = parent->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no %s named %s", T::staticMetaObject.className(), name);
    return widget;
}

// Picks a source type with the keyboard, as a user tabbing through the form would.
inline void chooseSourceType(QWidget *editor, const QString &type)
{
    auto *combo = child<QComboBox>(editor, "sourceType");
    combo->setFocus();
    const int target = combo->findData(type);
    QVERIFY(target > 0);
    while (combo->currentIndex() < target)
        QTest::keyClick(combo, Qt::Key_Down);
    while (combo->currentIndex() > target)
        QTest::keyClick(combo, Qt::Key_Up);
}

// Replaces a field's text by typing, the way a user selects all and types over it.
inline void typeInto(QWidget *widget, const QString &text)
{
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(widget, Qt::Key_Delete);
    QTest::keyClicks(widget, text);
}

inline QWidget *editorField(QWidget *editor, const QString &name)
{
    if (name == QLatin1String("connection"))
        return child<QComboBox>(editor, "connection")->lineEdit();
    if (name == QLatin1String("retention"))
        return child<QSpinBox>(editor, "retention");
    return child<QLineEdit>(editor, qPrintable(name));
}

inline void click(QWidget *widget)
{
    QVERIFY2(widget->isVisible() && widget->isEnabled(), qPrintable(widget->objectName()));
    // A radio button or check box reacts on its indicator and text only, not its whole width.
    const bool indicator = qobject_cast<QRadioButton *>(widget) || qobject_cast<QCheckBox *>(widget);
    const QPoint at = indicator ? QPoint(8, widget->height() / 2) : widget->rect().center();
    QTest::mouseClick(widget, Qt::LeftButton, {}, at);
}

inline void addTables(QWidget *editor, const QStringList &tables)
{
    if (tables.isEmpty())
        return;
    auto *chosen = child<QRadioButton>(editor, "mirrorChosen");
    if (!chosen->isChecked())
        click(chosen);
    for (const QString &table : tables) {
        const QStringList parts = table.split(u'.');
        typeInto(child<QLineEdit>(editor, "newSchema"), parts.value(0));
        typeInto(child<QLineEdit>(editor, "newTable"), parts.value(1));
        click(child<QPushButton>(editor, "addTable"));
    }
}

} // namespace fmc::test
