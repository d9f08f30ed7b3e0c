#include "ui/dashboard/sincelastlookeddialog.h"

#include "models/displaytext.h"

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
    setObjectName(QStringLiteral("sinceLastLookedDialog"));
    setWindowTitle(tr("Since you last looked"));
    auto *intro = new QLabel(tr("What happened while no dashboard of these databases was open. "
                                "Double-click a table to see its timeline."), this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("sinceLastLookedList"));
    m_list->setAccessibleName(tr("Changes since you last looked"));
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(true); // a failure line with its recovery and downtime is long
    for (const SummaryLine &line : lines) {
        // Table and error names come from the service: cleaned and cut, never markup.
        auto *item = new QListWidgetItem(displayText(line.text), m_list);
        item->setToolTip(plainToolTip(line.text));
        item->setData(DatabaseRole, line.databaseId);
        item->setData(SchemaRole, line.schema);
        item->setData(TableRole, line.table);
    }
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
    layout->addWidget(buttons);
    resize(860, 360);
}

} // namespace fmc
