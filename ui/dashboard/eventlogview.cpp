#include "eventlogview.h"

#include "models/displaytext.h"
#include "ui/themecolours.h"

#include <QBrush>
#include <QColor>
#include <QHeaderView>
#include <QStyle>

#include <algorithm>

namespace fmc {

EventLogView::EventLogView(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("eventLog"));
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setHeaderLabels({tr("Time (UTC)"), tr("Database"), tr("Table"), tr("Event"), tr("Details")});
    header()->setStretchLastSection(true);
    // The time and the event's words are read first: their columns fit them whole (at 130 px
    // the time read "2026-12-04 07:34…" and "Database error cleared" was cut); the names and the
    // details share what is left, or scroll.
    const int padding = 2 * (style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 1) + 8;
    setColumnWidth(Time, fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00 00:00:00")) + padding);
    QFont bold = font(); // alerts are bold
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    int event = boldMetrics.horizontalAdvance(tr("Watching"));
    for (const auto kind : {MonitorEvent::Kind::TableFailed, MonitorEvent::Kind::TableRecovered,
                            MonitorEvent::Kind::MirroringStopped, MonitorEvent::Kind::MirroringStarted,
                            MonitorEvent::Kind::DatabaseError, MonitorEvent::Kind::DatabaseErrorCleared,
                            MonitorEvent::Kind::StatusChanged, MonitorEvent::Kind::TableStale})
        event = std::max(event, boldMetrics.horizontalAdvance(describe(kind)));
    setColumnWidth(Database, 120);
    setColumnWidth(Table, 130);
    setColumnWidth(Event, event + padding);
}

QString EventLogView::describe(MonitorEvent::Kind kind)
{
    switch (kind) {
    case MonitorEvent::Kind::TableFailed:
        return tr("Table failed");
    case MonitorEvent::Kind::TableRecovered:
        return tr("Table recovered");
    case MonitorEvent::Kind::MirroringStopped:
        return tr("Mirroring stopped");
    case MonitorEvent::Kind::MirroringStarted:
        return tr("Mirroring started");
    case MonitorEvent::Kind::DatabaseError:
        return tr("Database error");
    case MonitorEvent::Kind::DatabaseErrorCleared:
        return tr("Database error cleared");
    case MonitorEvent::Kind::StatusChanged:
        return tr("Status changed");
    case MonitorEvent::Kind::TableStale:
        return tr("Table needs a look");
    }
    return {};
}

void EventLogView::addEvent(const MonitorEvent &event, const QString &databaseName)
{
    const QString table = event.table.isEmpty() ? QString() : event.schema + u'.' + event.table;
    QStringList details;
    if (!event.before.isEmpty() || !event.after.isEmpty())
        details << tr("%1 → %2").arg(event.before.isEmpty() ? tr("(new)") : event.before, event.after);
    if (!event.errorCode.isEmpty())
        details << event.errorCode + QStringLiteral(": ") + event.message;
    addNote(event.timeUtc, databaseName, table, describe(event.kind), details.join(QStringLiteral(" · ")),
            event.isAlert(), {event.databaseId, event.schema, event.table});
}

void EventLogView::addNote(const QDateTime &timeUtc, const QString &databaseName, const QString &table,
                           const QString &what, const QString &details, bool alert, const Subject &subject)
{
    auto *item = new QTreeWidgetItem;
    item->setData(Table, DatabaseIdRole, subject.databaseId);
    item->setData(Table, SchemaRole, subject.schema);
    item->setData(Table, TableRole, subject.table);
    if (!subject.table.isEmpty())
        item->setToolTip(Table, tr("Double-click to select this table"));
    item->setText(Time, timeUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    item->setText(Database, displayText(databaseName));
    item->setText(Table, displayText(table));
    item->setText(Event, what);
    item->setText(Details, displayText(details));
    item->setToolTip(Details, plainToolTip(details));
    if (alert) {
        for (int c = 0; c < ColumnCount; ++c)
            item->setForeground(c, QBrush(ThemeColours::failed(palette())));
        QFont bold = item->font(Event);
        bold.setBold(true);
        item->setFont(Event, bold);
    }
    insertTopLevelItem(0, item);
    while (topLevelItemCount() > maxEntries)
        delete takeTopLevelItem(topLevelItemCount() - 1);
}

} // namespace fmc
