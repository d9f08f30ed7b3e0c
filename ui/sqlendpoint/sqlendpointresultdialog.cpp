#include "sqlendpointresultdialog.h"

#include "models/displaytext.h"
#include "ui/themecolours.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace fmc {

namespace {

int rank(const TableSyncStatus &t)
{
    switch (t.status.value) {
    case SyncStatus::Failure: return 0;
    case SyncStatus::Unknown: return 1;
    case SyncStatus::NotRun: return 2;
    case SyncStatus::Success: return 3;
    }
    return 1;
}

QString timeText(const QDateTime &at)
{
    return at.isValid() ? QLocale().toString(at.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

} // namespace

SqlEndpointResultDialog::SqlEndpointResultDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("sqlEndpointResultDialog"));
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("sqlEndpointResultSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_table = new QTableWidget(0, 5);
    m_table->setObjectName(QStringLiteral("sqlEndpointResultTable"));
    m_table->setHorizontalHeaderLabels({tr("Table"), tr("Status"), tr("Last successful sync"), tr("Took"), tr("Error")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Tables synced by the SQL endpoint refresh"));
    layout->addWidget(m_table, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(820, 420);
}

void SqlEndpointResultDialog::setResult(const SqlEndpointRefresher::Target &target, const TableSyncStatuses &result)
{
    setWindowTitle(tr("SQL endpoint refresh — %1").arg(displayText(target.databaseName, 60)));
    m_summary->setText(tr("SQL analytics endpoint of %1: %2. A table's data is visible to queries as of its "
                          "last successful sync.")
                           .arg(displayText(target.databaseName, 60), SqlEndpointRefresher::summary(result)));
    QList<TableSyncStatus> rows = result.value;
    std::stable_sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return rank(a) < rank(b); });
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const TableSyncStatus &t = rows[r];
        const qint64 tookMs = t.startDateTime.isValid() && t.endDateTime.isValid()
                                  ? t.startDateTime.msecsTo(t.endDateTime) : -1;
        const QString error = t.error ? t.error->errorCode + QStringLiteral(": ") + t.error->message : QString();
        const QStringList cells{displayText(t.tableName), displayText(t.status.text),
                                timeText(t.lastSuccessfulSyncDateTime),
                                tookMs >= 0 ? tr("%1 s").arg(QLocale().toString(tookMs / 1000.0, 'f', 1)) : QString(),
                                displayText(error)};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c == 4 || c == 0)
                item->setToolTip(plainToolTip(c == 4 ? error : t.tableName));
            if (c == 1 && t.status.value == SyncStatus::Failure)
                item->setForeground(ThemeColours::failed(palette()));
            m_table->setItem(r, c, item);
        }
    }
    m_table->resizeColumnsToContents();
}

} // namespace fmc
