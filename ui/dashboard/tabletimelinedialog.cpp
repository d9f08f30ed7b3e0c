#include "ui/dashboard/tabletimelinedialog.h"

#include "app/history/historysummary.h"
#include "models/displaytext.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fmc {

TableTimelineDialog::TableTimelineDialog(const QString &title, const QList<TableSample> &transitions, qint64 nowMs,
                                         QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(int(transitions.size()), 4, this))
{
    setObjectName(QStringLiteral("tableTimelineDialog"));
    setWindowTitle(tr("Timeline — %1").arg(displayText(title)));
    auto *heading = new QLabel(transitions.isEmpty() ? tr("%1: nothing recorded yet.").arg(title)
                                                     : tr("%1: every change of status or error, newest first.").arg(title),
                               this);
    heading->setTextFormat(Qt::PlainText);
    heading->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("timelineTable"));
    m_table->setAccessibleName(tr("Status changes"));
    m_table->setHorizontalHeaderLabels({tr("Since (UTC)"), tr("Status"), tr("For"), tr("Error")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int n = int(transitions.size());
    for (int i = 0; i < n; ++i) {
        const TableSample &s = transitions.at(i);
        const qint64 until = i + 1 < n ? transitions.at(i + 1).timeMs : nowMs;
        const int row = n - 1 - i; // newest first
        const QStringList cells{QDateTime::fromMSecsSinceEpoch(s.timeMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                displayText(s.status), HistorySummary::duration(until - s.timeMs),
                                displayText(s.errorCode)};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c == 3 && !s.errorCode.isEmpty())
                item->setToolTip(plainToolTip(s.errorCode));
            m_table->setItem(row, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(600, 380);
}

} // namespace fmc
