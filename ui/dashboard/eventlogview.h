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
    //! Data of the Table column: which row of the dashboard an entry is about.
    enum Role { DatabaseIdRole = Qt::UserRole + 1, SchemaRole, TableRole };
    //! The table an entry is about (all empty for a database's entry).
    struct Subject {
        QString databaseId, schema, table;
    };

    explicit EventLogView(QWidget *parent = nullptr);

    void addEvent(const MonitorEvent &event, const QString &databaseName);
    //! A line that is not a transition (e.g. a table already Failed when first seen).
    void addNote(const QDateTime &timeUtc, const QString &databaseName, const QString &table, const QString &what,
                 const QString &details, bool alert, const Subject &subject = {});
    //! The event's words ("Table failed", "Mirroring stopped", ...).
    static QString describe(MonitorEvent::Kind kind);

    static constexpr int maxEntries = 2000;
};

} // namespace fmc
