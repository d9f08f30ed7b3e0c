#pragma once

#include "app/monitor/monitorevent.h"

#include <QTreeWidget>

namespace fmc {

//! \brief The dashboard's event log: transitions the monitor noticed, newest first, with their
//! UTC time; alerts stand out. Bounded, since the window may stay open for weeks.
class EventLogView : public QTreeWidget
{
    Q_OBJECT
public:
    enum Column { Time, Database, Table, Event, Details, ColumnCount };

    explicit EventLogView(QWidget *parent = nullptr);

    void addEvent(const MonitorEvent &event, const QString &databaseName);
    //! A line that is not a transition (e.g. a table already Failed when first seen).
    void addNote(const QDateTime &timeUtc, const QString &databaseName, const QString &table, const QString &what,
                 const QString &details, bool alert);
    //! The event's words ("Table failed", "Mirroring stopped", ...).
    static QString describe(MonitorEvent::Kind kind);

    static constexpr int maxEntries = 2000;
};

} // namespace fmc
