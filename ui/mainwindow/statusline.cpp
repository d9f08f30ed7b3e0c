#include "statusline.h"

#include "models/displaytext.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace fmc {

StatusLine::StatusLine(QWidget *parent)
    : ElidedLabel(parent)
    , m_timeout(new QTimer(this))
{
    setObjectName(QStringLiteral("statusMessage"));
    setAccessibleName(tr("Status message"));
    // Ignored: the line takes what the permanent labels leave and is drawn cut into it, instead
    // of under them.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, &StatusLine::clearMessage);
}

void StatusLine::showMessage(const QString &text, Kind kind, const QString &scope, int timeoutMs)
{
    m_text = QString(text).replace(QLatin1Char('\n'), QStringLiteral("; "));
    m_scope = scope;
    if (kind == Kind::Error && !m_text.isEmpty()) {
        m_errors.append({QDateTime::currentDateTime(), text});
        if (m_errors.size() > kHistory)
            m_errors.removeFirst();
    }
    if (timeoutMs > 0)
        m_timeout->start(timeoutMs);
    else
        m_timeout->stop();
    setToolTip(m_text.isEmpty() ? QString()
                                : plainToolTip(m_errors.isEmpty() ? m_text
                                                                  : m_text + QLatin1Char('\n')
                                                                        + tr("Click to see the recent errors.")));
    setCursor(m_errors.isEmpty() ? Qt::ArrowCursor : Qt::PointingHandCursor);
    setText(displayText(m_text, 1000));
    Q_EMIT messageChanged(m_text);
}

void StatusLine::clearScopes(const QStringList &keep)
{
    if (!m_scope.isEmpty() && !keep.contains(m_scope))
        clearMessage();
}

void StatusLine::clearMessage()
{
    if (m_text.isEmpty())
        return;
    showMessage({});
}

QSize StatusLine::minimumSizeHint() const
{
    return {0, ElidedLabel::minimumSizeHint().height()};
}

QSize StatusLine::sizeHint() const
{
    return {0, ElidedLabel::sizeHint().height()};
}

void StatusLine::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        showHistory();
    ElidedLabel::mousePressEvent(event);
}

QDialog *StatusLine::showHistory()
{
    if (!m_history) {
        auto *dialog = new QDialog(window());
        dialog->setObjectName(QStringLiteral("recentMessagesDialog"));
        dialog->setWindowTitle(tr("Recent messages"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        auto *layout = new QVBoxLayout(dialog);
        auto *text = new QPlainTextEdit;
        text->setObjectName(QStringLiteral("recentMessages"));
        text->setAccessibleName(tr("Recent messages"));
        text->setReadOnly(true);
        layout->addWidget(text);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
        layout->addWidget(buttons);
        dialog->resize(640, 360);
        m_history = dialog;
    }
    QStringList lines;
    for (const Entry &entry : std::as_const(m_errors))
        lines << QStringLiteral("%1  %2").arg(entry.when.toString(QStringLiteral("HH:mm:ss")), entry.text);
    if (lines.isEmpty())
        lines << (m_text.isEmpty() ? tr("No errors so far.") : m_text);
    m_history->findChild<QPlainTextEdit *>()->setPlainText(lines.join(QStringLiteral("\n\n")));
    m_history->open();
    return m_history;
}

} // namespace fmc
