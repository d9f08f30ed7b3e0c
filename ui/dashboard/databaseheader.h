#pragma once

#include "app/monitor/statusmonitor.h"

#include <QDateTime>
#include <QFrame>

class QLabel;

namespace fmc {

//! \brief One watched database at a glance: name, status in the portal's words, error, when
//! mirroring started or stopped (when the dashboard saw it), totals, and the tables by status as
//! links that filter the table.
class DatabaseHeader : public QFrame
{
    Q_OBJECT
public:
    explicit DatabaseHeader(const WatchedDatabase &database, QWidget *parent = nullptr);

    QString databaseId() const { return m_databaseId; }
    //! Shows \a snapshot; \a now ages the "time ago" texts.
    void setSnapshot(const DatabaseSnapshot &snapshot, const QDateTime &now);
    //! When the dashboard saw mirroring start or stop (invalid: not seen).
    void setStartStop(const QDateTime &startedUtc, const QDateTime &stoppedUtc);
    //! The health word shown ("Failed", "Running with warning", "Running", ...).
    QString healthText() const;
    //! The error line shown (empty when there is none).
    QString errorText() const;

Q_SIGNALS:
    //! A status count was clicked: show \a status tables of \a databaseId (empty: all).
    void statusClicked(const QString &databaseId, const QString &status);

private:
    void refreshTexts();

    QString m_databaseId;
    DatabaseSnapshot m_snapshot;
    QDateTime m_now;
    QDateTime m_started;
    QDateTime m_stopped;
    QLabel *m_name;
    QLabel *m_health;
    QLabel *m_error;
    QLabel *m_times;
    QLabel *m_totals;
    QLabel *m_counts;
};

} // namespace fmc
