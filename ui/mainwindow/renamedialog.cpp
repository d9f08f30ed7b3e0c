#include "renamedialog.h"

#include "models/displaytext.h"
#include "ui/themecolours.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fmc {

namespace {
// UpdateMirroredDatabaseRequest.description: at most 256 characters (docs/fabric-api-notes.md#items).
constexpr int kMaxDescription = 256;
} // namespace

RenameDialog::RenameDialog(const QString &displayName, const QString &description, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(displayName))
    , m_description(new QLineEdit(description))
    , m_message(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel))
{
    setObjectName(QStringLiteral("renameDialog"));
    setWindowTitle(tr("Rename %1").arg(displayText(displayName)));
    m_name->setObjectName(QStringLiteral("renameName"));
    m_description->setObjectName(QStringLiteral("renameDescription"));
    m_description->setMaxLength(kMaxDescription);
    m_message->setObjectName(QStringLiteral("renameMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText); // the service's error message
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Description:"), m_description);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    resize(480, sizeHint().height());

    connect(m_name, &QLineEdit::textChanged, this, &RenameDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!m_buttons->button(QDialogButtonBox::Save)->isEnabled())
            return;
        m_message->hide();
        emit saveRequested();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RenameDialog::reject);
    validate();
}

QString RenameDialog::displayName() const
{
    return m_name->text().trimmed();
}

QString RenameDialog::description() const
{
    return m_description->text();
}

void RenameDialog::validate()
{
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!m_busy && !displayName().isEmpty());
}

void RenameDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_name->setEnabled(!busy);
    m_description->setEnabled(!busy);
    validate();
}

void RenameDialog::showFailure(const QString &message)
{
    setBusy(false);
    m_message->setText(displayMessage(message));
    m_message->setStyleSheet(QStringLiteral("color: %1;").arg(ThemeColours::failed(palette()).name()));
    m_message->show();
    m_name->setFocus();
}

void RenameDialog::reject()
{
    // Cancel while saving cancels the call first; the dialog closes when it has ended.
    if (m_busy) {
        emit cancelRequested();
        return;
    }
    QDialog::reject();
}

} // namespace fmc
