#include "ui/dashboard/sincelastlookeddialog.h"

#include "models/displaytext.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace fmc {
namespace {

enum Role { DatabaseRole = Qt::UserRole + 1, SchemaRole, TableRole };

} // namespace

SinceLastLookedDialog::SinceLastLookedDialog(const QList<SummaryLine> &lines, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
{
    for (const SummaryLine &line : lines)
        addLine(line);
    lay(tr("What happened while no dashboard of these databases was open. "
           "Double-click a table to see its timeline."));
}

SinceLastLookedDialog::SinceLastLookedDialog(const QList<DatabaseSummary> &databases, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_atStart(new QCheckBox(tr("Show this when the console starts"), this))
{
    for (const DatabaseSummary &database : databases) {
        // A heading, not a line: it opens nothing and is skipped by the keyboard.
        const QString name = database.database.name.isEmpty() ? database.database.databaseId : database.database.name;
        auto *heading = new QListWidgetItem(displayText(name), m_list);
        heading->setToolTip(plainToolTip(name));
        heading->setFlags(Qt::ItemIsEnabled);
        QFont bold = heading->font();
        bold.setBold(true);
        heading->setFont(bold);
        // A band of the palette's button colour: a section, told apart from the alternating lines.
        heading->setBackground(m_list->palette().button());
        heading->setForeground(m_list->palette().buttonText());
        for (const SummaryLine &line : database.lines)
            addLine(line);
    }
    m_atStart->setObjectName(QStringLiteral("sinceLastLookedAtStart"));
    m_atStart->setChecked(true);
    lay(tr("What happened since you last looked at these databases. "
           "Double-click a table to open its dashboard and timeline."));
}

void SinceLastLookedDialog::addLine(const SummaryLine &line)
{
    // Table and error names come from the service: cleaned and cut, never markup.
    auto *item = new QListWidgetItem(displayText(line.text), m_list);
    item->setToolTip(plainToolTip(line.text));
    item->setData(DatabaseRole, line.databaseId);
    item->setData(SchemaRole, line.schema);
    item->setData(TableRole, line.table);
}

void SinceLastLookedDialog::lay(const QString &introText)
{
    setObjectName(QStringLiteral("sinceLastLookedDialog"));
    setWindowTitle(tr("Since you last looked"));
    auto *intro = new QLabel(introText, this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("sinceLastLookedList"));
    m_list->setAccessibleName(tr("Changes since you last looked"));
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(true); // a failure line with its recovery and downtime is long
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (!item->data(TableRole).toString().isEmpty())
            emit tableActivated(item->data(DatabaseRole).toString(), item->data(SchemaRole).toString(),
                                item->data(TableRole).toString());
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    if (m_atStart)
        layout->addWidget(m_atStart);
    layout->addWidget(buttons);
    resize(860, 360);
}

} // namespace fmc
