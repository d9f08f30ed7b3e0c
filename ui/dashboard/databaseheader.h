#pragma once

#include "app/monitor/statusmonitor.h"

#include <QDateTime>
#include <QFrame>

class QLabel;

namespace fmc {

class ElidedLabel;

//! \brief One watched database (or other mirror item) at a glance: name, status in the portal's words, error, when
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

    //! \brief Two lines instead of four (for many databases): name, health, totals and times,
    //! then the status links and the error (cut to one line, in full in the tooltip). Names and
    //! health words get fixed widths, so stacked compact headers read as a table.
    void setCompact(bool compact);
    bool isCompact() const { return m_compact; }
    //! Whether the number of tables is exactly a table limit (DefinitionLimits): the source
    //! likely has more, which the service left out; the totals say so.
    bool isAtTableLimit() const;
    //! \a tables when it is a table limit, else 0.
    static int tableLimitReached(int tables);
    //! How bad the database looks, worst first: 0 Failed, 1 Running with warning, 2 its last
    //! refresh failed, 3 not running, 4 not refreshed yet, 5 running fine.
    int severity() const;

Q_SIGNALS:
    //! A status count was clicked: show \a status tables of \a databaseId (empty: all).
    void statusClicked(const QString &databaseId, const QString &status);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refreshTexts();
    void arrange();
    //! Whether the item mirrors now (a database or catalog Running; other types have no such word).
    bool isRunning() const;
    //! The totals line of another mirror item type: what it gives, and plainly what it does not.
    QString itemTotals() const;

    QString m_databaseId;
    DatabaseSnapshot m_snapshot;
    QDateTime m_now;
    QDateTime m_started;
    QDateTime m_stopped;
    bool m_compact = false;
    bool m_dark = false; //!< the palette the colours were picked for
    QString m_colour; //!< of the health word and the frame; style sheets are set only on change
    // Cut lines end in "…" (the whole text is in the tooltip): a compact header's columns are
    // narrower than a long name, error or item line at 1024 px.
    ElidedLabel *m_name;
    QLabel *m_health;
    ElidedLabel *m_error;
    QLabel *m_times;
    ElidedLabel *m_totals;
    QLabel *m_counts;
};

} // namespace fmc
