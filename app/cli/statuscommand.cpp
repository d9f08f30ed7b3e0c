#include "app/cli/statuscommand.h"

#include "app/cli/cliduration.h"
#include "app/cli/cliexitcode.h"
#include "app/cli/clioutput.h"
#include "app/cli/mirrorsnapshot.h"

#include <QCommandLineParser>

namespace fmc::cli {

void StatusCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("database"), tr("WORKSPACE/DATABASE, names or ids."),
                                 QStringLiteral("WS/DB"));
    parser.addOption({QStringLiteral("tables"), tr("Also list each table's status.")});
    parser.addOption({QStringLiteral("watch"), tr("Refresh until interrupted.")});
    parser.addOption({QStringLiteral("interval"), tr("Refresh interval for --watch (default 10s)."),
                      QStringLiteral("DURATION"), QStringLiteral("10s")});
}

QString StatusCommand::readArguments(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return tr("needs one WS/DB.");
    m_spec = parser.positionalArguments().first();
    m_tables = parser.isSet(QStringLiteral("tables"));
    m_watch = parser.isSet(QStringLiteral("watch"));
    const auto interval = parseDuration(parser.value(QStringLiteral("interval")));
    if (!interval || *interval < std::chrono::seconds(2))
        return tr("--interval is a duration of at least 2s (e.g. 10s, 1m), not '%1'.")
            .arg(parser.value(QStringLiteral("interval")));
    m_interval = *interval;
    return {};
}

void StatusCommand::run()
{
    resolveDatabase(m_spec, [this](const WatchedDatabase &database) {
        m_database = database;
        m_timer.setSingleShot(true);
        m_timer.setInterval(m_interval);
        connect(&m_timer, &QTimer::timeout, this, &StatusCommand::refresh);
        refresh();
    });
}

void StatusCommand::refresh()
{
    out()->progress(tr("Reading the status of %1…").arg(m_spec));
    MirrorSnapshot::fetch(client(), m_database, m_tables, this,
                          [this](const MirrorSnapshot &snapshot, const ApiError &error) {
                              if (error.isError()) {
                                  if (!m_watch) {
                                      failCall(tr("Could not read the status of %1").arg(m_spec), error);
                                      return;
                                  }
                                  // Watching rides out a failed refresh: say so, try again.
                                  out()->error(tr("Could not read the status of %1: %2")
                                                   .arg(m_spec, error.userMessage()));
                              } else {
                                  print(snapshot);
                              }
                              if (m_watch)
                                  m_timer.start();
                              else
                                  finish(Ok);
                          });
}

void StatusCommand::print(const MirrorSnapshot &snapshot)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (out()->isJson()) {
        if (m_watch)
            out()->line(QString::fromStdString(snapshot.toJson(now).dump())); // one document per line
        else
            out()->json(snapshot.toJson(now));
        return;
    }
    if (m_watch)
        out()->clearScreen();
    const QString error = snapshot.status.error ? snapshot.status.error->errorCode + QStringLiteral(": ")
                                                      + snapshot.status.error->message
                                                : QString();
    out()->table({tr("DATABASE"), tr("STATUS"), tr("ERROR")},
                 {{snapshot.database.displayName, snapshot.status.status.text, error}});
    if (!snapshot.hasTables)
        return;
    QList<QStringList> rows;
    for (const TableMirroringStatus &t : snapshot.tables)
        rows.append(MirrorSnapshot::tableRow(t, now, kDefaultIdleAfter));
    out()->line(QString());
    out()->table(MirrorSnapshot::tableHeaders(), rows);
}

} // namespace fmc::cli
