#include "emptystate.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace fmc {

EmptyState::EmptyState(QWidget *parent)
    : QWidget(parent)
    , m_message(new QLabel)
    , m_hint(new QLabel)
    , m_buttonRow(new QWidget)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 16, 8, 8);
    for (QLabel *label : {m_message, m_hint}) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_message->setObjectName(QStringLiteral("emptyMessage"));
    m_hint->setObjectName(QStringLiteral("emptyHint"));
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    auto *buttons = new QHBoxLayout(m_buttonRow);
    buttons->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_buttonRow, 0, Qt::AlignHCenter);
    layout->addWidget(m_hint);
    layout->addStretch(1);
}

void EmptyState::setState(const QString &message, const QList<QAction *> &actions, const QString &hint)
{
    if (message == m_message->text() && hint == m_hint->text() && actions == m_actions)
        return; // the same state again (a model signal): keep the buttons and their focus
    m_actions = actions;
    m_message->setText(message);
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    qDeleteAll(m_buttons);
    m_buttons.clear();
    for (QAction *action : actions) {
        // Without the action's mnemonic: the menu has it already.
        const QString text = QString(action->text()).remove(QLatin1Char('&'));
        auto *button = new QPushButton(text, m_buttonRow);
        button->setObjectName(QStringLiteral("empty_") + action->objectName());
        button->setAccessibleName(text);
        button->setEnabled(action->isEnabled());
        button->setToolTip(action->toolTip());
        connect(action, &QAction::changed, button, [button, action] {
            button->setEnabled(action->isEnabled());
            button->setToolTip(action->toolTip());
        });
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        m_buttonRow->layout()->addWidget(button);
        m_buttons << button;
    }
    m_buttonRow->setVisible(!m_buttons.isEmpty());
}

QString EmptyState::message() const
{
    return m_message->text();
}

QString EmptyState::hint() const
{
    return m_hint->text();
}

} // namespace fmc
