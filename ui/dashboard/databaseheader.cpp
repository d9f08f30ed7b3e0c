#include "databaseheader.h"

#include "models/displaytext.h"
#include "models/mirroringdefinition.h"
#include "models/mirroritemkind.h"
#include "models/pausedmirroring.h"
#include "models/tablestatusmodel.h"
#include "ui/elidedlabel.h"
#include "ui/themecolours.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QUrl>

namespace fmc {

namespace {

QString utc(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QString ago(const QDateTime &when, const QDateTime &now)
{
    return TableStatusModel::timeAgo(when, now);
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

DatabaseHeader::DatabaseHeader(const WatchedDatabase &database, QWidget *parent)
    : QFrame(parent)
    , m_databaseId(database.databaseId)
    , m_name(new ElidedLabel(this))
    , m_health(new QLabel(this))
    , m_error(new ElidedLabel(this))
    , m_times(new QLabel(this))
    , m_totals(new ElidedLabel(this))
    , m_counts(new QLabel(this))
{
    setObjectName(QStringLiteral("databaseHeader"));
    setFrameShape(QFrame::StyledPanel);
    m_snapshot.database = database;
    m_name->setObjectName(QStringLiteral("headerName"));
    m_health->setObjectName(QStringLiteral("headerHealth"));
    m_error->setObjectName(QStringLiteral("headerError"));
    m_times->setObjectName(QStringLiteral("headerTimes"));
    m_totals->setObjectName(QStringLiteral("headerTotals"));
    m_counts->setObjectName(QStringLiteral("headerCounts"));
    m_name->setTextFormat(Qt::PlainText);
    m_name->setToolTip(plainToolTip(tr("%1\nWorkspace %2\n%3 %4")
                                        .arg(database.displayName, database.workspaceId,
                                             MirrorItemKind::typeText(database.kind(), database.itemType),
                                             database.databaseId)));
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_health->setFont(bold);
    m_health->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setMinimumWidth(1); // a long word in a message must not set the width (cut, tooltip in full)
    m_error->setStyleSheet(QStringLiteral("color: %1;").arg(ThemeColours::failed(palette()).name()));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_counts->setTextFormat(Qt::RichText);
    m_counts->setMinimumWidth(1); // nor a long status
    m_counts->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_counts, &QLabel::linkActivated, this, [this](const QString &link) {
        // Links are "status:<text>", percent-encoded so any status text survives.
        if (link.startsWith(QLatin1String("status:")))
            emit statusClicked(m_databaseId, QUrl::fromPercentEncoding(link.mid(7).toUtf8()));
    });

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setVerticalSpacing(2);
    layout->setHorizontalSpacing(12);
    arrange();
    refreshTexts();
}

void DatabaseHeader::setSnapshot(const DatabaseSnapshot &snapshot, const QDateTime &now)
{
    m_snapshot = snapshot;
    m_now = now;
    refreshTexts();
}

void DatabaseHeader::setStartStop(const QDateTime &startedUtc, const QDateTime &stoppedUtc)
{
    m_started = startedUtc;
    m_stopped = stoppedUtc;
    refreshTexts();
}

void DatabaseHeader::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    // The desktop switched between light and dark: colours are picked for the palette.
    // Only when it flipped: the style sheets set below may send palette changes of their own.
    if (event->type() == QEvent::PaletteChange && ThemeColours::isDark(palette()) != m_dark) {
        m_colour.clear();
        m_error->setStyleSheet(QStringLiteral("color: %1;").arg(ThemeColours::failed(palette()).name()));
        refreshTexts();
    }
}

void DatabaseHeader::setCompact(bool compact)
{
    if (compact == m_compact)
        return;
    m_compact = compact;
    arrange();
    refreshTexts();
}

void DatabaseHeader::arrange()
{
    auto *grid = static_cast<QGridLayout *>(layout());
    for (QWidget *w : {static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_health), static_cast<QWidget *>(m_times),
                       static_cast<QWidget *>(m_totals), static_cast<QWidget *>(m_counts), static_cast<QWidget *>(m_error)})
        grid->removeWidget(w);
    m_name->setMinimumWidth(m_compact ? 190 : 1); // not 0: a 200-character name must not set the width
    m_name->setMaximumWidth(m_compact ? 190 : QWIDGETSIZE_MAX);
    m_health->setMinimumWidth(m_compact ? 170 : 1);
    m_health->setMaximumWidth(m_compact ? 170 : QWIDGETSIZE_MAX);
    // A long error must not widen the pane: cut (tooltip in full) when compact, wrapped otherwise.
    m_error->setWordWrap(!m_compact);
    m_error->setSizePolicy(m_compact ? QSizePolicy::Ignored : QSizePolicy::Preferred, QSizePolicy::Preferred);
    // So must the totals: another item type's line says what its API lacks, at length (tooltip in full).
    m_totals->setWordWrap(!m_compact);
    m_totals->setMinimumWidth(1);
    m_totals->setSizePolicy(m_compact ? QSizePolicy::Ignored : QSizePolicy::Preferred, QSizePolicy::Preferred);
    grid->addWidget(m_name, 0, 0);
    grid->addWidget(m_health, 0, 1);
    if (m_compact) {
        grid->addWidget(m_totals, 0, 2);
        grid->addWidget(m_times, 0, 3, Qt::AlignRight);
        grid->addWidget(m_counts, 1, 0, 1, 2);
        grid->addWidget(m_error, 1, 2, 1, 2);
    } else {
        grid->addWidget(m_times, 0, 3, Qt::AlignRight);
        grid->addWidget(m_totals, 1, 0, 1, 4);
        grid->addWidget(m_counts, 2, 0, 1, 4);
        grid->addWidget(m_error, 3, 0, 1, 4);
    }
    for (int c = 0; c < 4; ++c)
        grid->setColumnStretch(c, c == 2 ? 1 : 0);
}

int DatabaseHeader::tableLimitReached(int tables)
{
    const DefinitionLimits limits;
    if (tables > 0 && tables == limits.defaultMaxTables)
        return tables;
    for (int limit : limits.maxTablesBySourceType)
        if (tables > 0 && tables == limit)
            return tables;
    return 0;
}

bool DatabaseHeader::isAtTableLimit() const
{
    int tables = 0;
    for (int n : m_snapshot.tablesByStatus)
        tables += n;
    return tableLimitReached(tables) > 0;
}

int DatabaseHeader::severity() const
{
    const DatabaseSnapshot &s = m_snapshot;
    const bool answered = s.hasAnswer();
    if (answered && s.health.level == MirroringHealth::Failed)
        return 0;
    if (answered && s.health.level == MirroringHealth::Warning)
        return 1;
    if (s.lastError.isError())
        return 2;
    if (answered && !isRunning())
        return 3;
    return answered ? 5 : 4;
}

bool DatabaseHeader::isRunning() const
{
    const DatabaseSnapshot &s = m_snapshot;
    if (s.status)
        return s.status->status.value == MirroringStatus::Running;
    if (!s.mirrorItem)
        return false;
    if (s.mirrorItem->catalogStatus)
        return s.mirrorItem->catalogStatus->status.value == CatalogMirroringState::Running;
    // A Databricks catalog's sync and a type without a status call have no "running": not muted.
    return true;
}

QString DatabaseHeader::itemTotals() const
{
    // What other mirror item types have instead of a database's totals: plainly what is not given.
    const MirrorItemRow &item = *m_snapshot.mirrorItem;
    switch (item.kind) {
    case MirrorItemKind::MirroredCatalog:
        return tr("rows n/a · bytes n/a · latency n/a (the mirrored catalog API gives no processed rows or bytes)");
    case MirrorItemKind::AzureDatabricksCatalog: {
        QStringList parts;
        if (item.databricks) {
            parts << tr("catalog %1").arg(displayText(item.databricks->catalogName))
                  << tr("auto sync %1").arg(displayText(item.databricks->autoSync.text))
                  << tr("mirroring mode %1").arg(displayText(item.databricks->mirroringMode.text));
            const QDateTime last = MirrorItemListModel::lastSyncOf(item);
            parts << (last.isValid() ? tr("last sync %1").arg(m_now.isValid() ? ago(last, m_now) : utc(last))
                                     : tr("never synced"));
        }
        parts << tr("no tables: the API has no per-table status for an Azure Databricks catalog");
        return parts.join(QStringLiteral(" · "));
    }
    case MirrorItemKind::SqlDatabase:
        return tr("No status call: the SQL database API has none, and nothing is guessed");
    default:
        return tr("%1 · read-only, no status call: this console has no calls for this type")
            .arg(displayText(item.item.type));
    }
}

QString DatabaseHeader::healthText() const
{
    return m_health->text();
}

QString DatabaseHeader::errorText() const
{
    return m_error->text();
}

void DatabaseHeader::refreshTexts()
{
    const DatabaseSnapshot &s = m_snapshot;
    const QLocale locale;
    m_name->setText(displayText(s.database.displayName.isEmpty() ? s.database.databaseId : s.database.displayName));

    const bool answered = s.hasAnswer();
    QString health = answered ? s.health.text : tr("Waiting for the first refresh…");
    // From the palette: the desktop's dark theme gets light shades (ThemeColours).
    const QPalette &pal = palette();
    m_dark = ThemeColours::isDark(pal);
    QString colour = ThemeColours::colour(ThemeColours::Meaning::Fine, pal).name();
    const bool noStatusCall = s.mirrorItem && !MirrorItemKind::noStatusText(s.mirrorItem->kind).isEmpty();
    if (!answered || noStatusCall)
        colour = ThemeColours::muted(pal).name();
    else if (s.health.level == MirroringHealth::Failed)
        colour = ThemeColours::failed(pal).name();
    else if (s.health.level == MirroringHealth::Warning)
        colour = ThemeColours::warning(pal).name();
    else if (!isRunning())
        colour = ThemeColours::muted(pal).name();
    m_health->setText(displayText(health));
    if (colour != m_colour) {
        // Style sheets re-polish the widget and its children: only when the colour changes.
        m_colour = colour;
        m_health->setStyleSheet(QStringLiteral("color: %1;").arg(colour));
        setStyleSheet(QStringLiteral("#databaseHeader { border-left: 4px solid %1; }").arg(colour));
    }
    // The raw status when the derived word hides it ("Failed" while the API says Running).
    if (noStatusCall)
        m_health->setToolTip(plainToolTip(MirrorItemKind::noStatusExplanation(s.mirrorItem->kind)));
    else
        m_health->setToolTip(answered && !s.statusText().isNull()
                                 ? plainToolTip(tr("Status as sent by the service: %1").arg(s.statusText()))
                                 : QString());

    QStringList errors;
    if (s.status && s.status->status.value == MirroringStatus::Paused)
        errors << PausedMirroring::advice();
    if (const std::optional<ErrorResponse> error = s.itemError())
        errors << tr("Error %1: %2").arg(error->errorCode, error->message);
    if (s.lastError.isError())
        errors << tr("Last refresh failed: %1").arg(s.lastError.userMessage());
    m_error->setText(m_compact ? displayText(errors.join(QStringLiteral(" · ")))
                               : displayMessage(errors.join(u'\n'), kDisplayTextLimit * 4));
    m_error->setToolTip(plainToolTip(errors.join(u'\n')));
    m_error->setVisible(!errors.isEmpty());

    QStringList times;
    if (m_started.isValid())
        times << tr("started %1").arg(utc(m_started));
    if (m_stopped.isValid())
        times << tr("stopped %1").arg(utc(m_stopped));
    if (s.lastRefreshUtc.isValid())
        times << tr("refreshed %1").arg(m_now.isValid() ? ago(s.lastRefreshUtc, m_now) : utc(s.lastRefreshUtc));
    m_times->setText(times.join(QStringLiteral(" · ")));

    int tables = 0;
    for (int n : s.tablesByStatus)
        tables += n;
    // The API does not say how many tables the source has, but a count that is exactly a table
    // limit means "Mirror all data" most likely stopped there and left the rest out
    // (docs/fabric-api-notes.md#table-limits).
    const int limit = s.mirrorItem ? 0 : tableLimitReached(tables); // the limits are a mirrored database's
    QStringList totals;
    totals << (limit > 0     ? tr("%1 tables: the limit, more source tables are not mirrored").arg(tables)
               : tables == 1 ? tr("1 table")
                             : tr("%1 tables").arg(tables))
           << tr("%1 rows").arg(locale.toString(s.totalRows)) << locale.formattedDataSize(s.totalBytes);
    totals << (s.worstLatencySeconds ? tr("worst latency %n s", nullptr, *s.worstLatencySeconds) : tr("latency n/a"));
    if (s.oldestLastSyncUtc.isValid())
        totals << tr("oldest sync %1").arg(m_now.isValid() ? ago(s.oldestLastSyncUtc, m_now) : utc(s.oldestLastSyncUtc));
    if (s.mirrorItem) {
        totals.clear();
        if (s.mirrorItem->kind == MirrorItemKind::MirroredCatalog)
            totals << (tables == 1 ? tr("1 table") : tr("%1 tables").arg(tables));
        totals << itemTotals();
        if (s.mirrorItem->catalogStatus) {
            const QDateTime last = MirrorItemListModel::lastSyncOf(*s.mirrorItem);
            totals << (last.isValid() ? tr("last sync %1").arg(m_now.isValid() ? ago(last, m_now) : utc(last))
                                      : tr("never synced"));
        }
    }
    m_totals->setText(totals.join(QStringLiteral(" · ")));
    // "500 tables: the limit, …" with rows, bytes and latency is longer than a compact header's
    // column at 1024 px: the whole line is in the tooltip (wrapping it made every header taller
    // and squeezed the table list).
    QStringList totalsTip{m_totals->text()};
    if (limit > 0)
        totalsTip << tr("%1 tables is the most a mirrored database of this source mirrors. With \"Mirror all "
                        "data\" the service takes the first %1 by schema, then table name, and leaves the rest of "
                        "the source out without an error.")
                         .arg(limit);
    if (s.oldestLastSyncUtc.isValid())
        totalsTip << tr("Oldest last sync: %1").arg(utc(s.oldestLastSyncUtc));
    m_totals->setToolTip(totalsTip.join(u'\n'));

    QStringList links;
    links << QStringLiteral("<a href=\"status:\">%1</a>").arg(tr("All %1").arg(tables));
    for (auto it = s.tablesByStatus.cbegin(); it != s.tablesByStatus.cend(); ++it) {
        // One arg() for both: a status holding "%1" or a percent-encoded "%3C" survives. A status
        // longer than any real one gets no link, or its href would carry all of it again.
        const QString shown = escaped(displayText(it.key())) + u' ' + QString::number(it.value());
        const QString link = it.key().size() > kDisplayTextLimit
                                 ? shown
                                 : QStringLiteral("<a href=\"status:%1\">%2</a>")
                                       .arg(QString::fromUtf8(QUrl::toPercentEncoding(it.key())), shown);
        links << (it.key() == QLatin1String("Failed")
                      ? QStringLiteral("<b style=\"color:%1\">%2</b>").arg(ThemeColours::failed(pal).name(), link)
                      : link);
    }
    m_counts->setText(links.join(QStringLiteral(" &nbsp;·&nbsp; ")));
    // Only a database or a mirrored catalog has tables to filter by.
    m_counts->setVisible(!s.mirrorItem || s.mirrorItem->kind == MirrorItemKind::MirroredCatalog);

}

} // namespace fmc
