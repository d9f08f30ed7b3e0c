#include "bulkactiondialog.h"

#include "app/fleet/bulkactionrunner.h"
#include "models/displaytext.h"
#include "ui/themecolours.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fmc {

BulkActionDialog::BulkActionDialog(BulkActionRunner *runner, QWidget *parent)
    : QDialog(parent)
    , m_runner(runner)
    , m_summary(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_buttons(new QDialogButtonBox(this))
{
    setObjectName(QStringLiteral("bulkActionDialog"));
    setWindowTitle(BulkActionRunner::actionText(runner->action()));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setObjectName(QStringLiteral("bulkSummary"));
    m_table->setObjectName(QStringLiteral("bulkResults"));
    m_table->setHorizontalHeaderLabels({tr("Mirror"), tr("Workspace"), tr("Result"), tr("Details")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("bulkCancel"));
    m_cancel->setToolTip(tr("Send nothing more; the item in flight is cancelled and reported"));
    m_close = m_buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("bulkClose"));
    m_close->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, runner, &BulkActionRunner::cancel);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_buttons);

    const auto &items = runner->items();
    m_table->setRowCount(int(items.size()));
    m_progress->setRange(0, int(items.size()));
    for (int i = 0; i < items.size(); ++i)
        showItem(i);
    m_table->resizeColumnsToContents();
    connect(runner, &BulkActionRunner::itemChanged, this, &BulkActionDialog::showItem);
    connect(runner, &BulkActionRunner::finished, this, &BulkActionDialog::onFinished);
    resize(760, 360);
}

void BulkActionDialog::showItem(int index)
{
    const BulkActionRunner::Item &item = m_runner->items().at(index);
    auto set = [&](int column, const QString &text, const QString &tip = {}) {
        auto *cell = m_table->item(index, column);
        if (!cell) {
            cell = new QTableWidgetItem;
            m_table->setItem(index, column, cell);
        }
        cell->setText(displayText(text, 200));
        cell->setToolTip(plainToolTip(tip.isEmpty() ? text : tip));
        return cell;
    };
    set(Name, item.target.displayName);
    set(Workspace, item.target.workspaceName);
    QTableWidgetItem *result = set(Result, BulkActionRunner::outcomeText(item.outcome));
    const bool bad = item.outcome == BulkActionRunner::Outcome::Failed;
    result->setForeground(bad ? QBrush(ThemeColours::failed(palette())) : palette().text());
    QString details = item.reason;
    if (!item.requestId.isEmpty() && !details.contains(item.requestId))
        details += (details.isEmpty() ? QString() : QStringLiteral("\n")) + tr("Request id: %1").arg(item.requestId);
    // One line in the cell, the whole text in the tooltip.
    set(Details, QString(details).replace(u'\n', QStringLiteral(" · ")), details);

    int ended = 0;
    for (const BulkActionRunner::Item &i : m_runner->items()) {
        using O = BulkActionRunner::Outcome;
        ended += i.outcome == O::Done || i.outcome == O::Failed || i.outcome == O::Skipped || i.outcome == O::Cancelled;
    }
    m_progress->setValue(ended);
    m_summary->setText(tr("%1: %2 done, %3 failed, %4 skipped, %5 cancelled, of %6.")
                           .arg(BulkActionRunner::actionText(m_runner->action()))
                           .arg(m_runner->count(BulkActionRunner::Outcome::Done))
                           .arg(m_runner->count(BulkActionRunner::Outcome::Failed))
                           .arg(m_runner->count(BulkActionRunner::Outcome::Skipped))
                           .arg(m_runner->count(BulkActionRunner::Outcome::Cancelled))
                           .arg(m_runner->items().size()));
}

void BulkActionDialog::onFinished()
{
    for (int i = 0; i < m_runner->items().size(); ++i)
        showItem(i);
    // This batch's results stay as they are: the runner's next batch has a dialog of its own
    // (this one, left open, showed its items in rows that were not theirs).
    disconnect(m_runner, nullptr, this, nullptr);
    disconnect(m_cancel, nullptr, m_runner, nullptr);
    m_cancel->setEnabled(false);
    m_close->setEnabled(true);
    m_close->setDefault(true);
}

} // namespace fmc
