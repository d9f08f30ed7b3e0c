#include "app/cli/checkfreshnesscommand.h"

#include "app/cli/cliduration.h"
#include "app/cli/cliexitcode.h"
#include "app/cli/clioutput.h"
#include "app/cli/mirrorsnapshot.h"

#include <QCommandLineParser>

namespace fmc::cli {

void CheckFreshnessCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("database"), tr("WORKSPACE/DATABASE, names or ids."),
                                 QStringLiteral("WS/DB"));
    parser.addOption({QStringLiteral("max-lag"), tr("Largest replication latency accepted (e.g. 15m)."),
                      QStringLiteral("DURATION")});
    parser.addOption({QStringLiteral("table"), tr("Check only this table (SCHEMA.TABLE; repeatable)."),
                      QStringLiteral("SCHEMA.TABLE")});
}

QString CheckFreshnessCommand::readArguments(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return tr("needs one WS/DB.");
    m_spec = parser.positionalArguments().first();
    if (!parser.isSet(QStringLiteral("max-lag")))
        return tr("needs --max-lag (e.g. --max-lag 15m).");
    const auto lag = parseDuration(parser.value(QStringLiteral("max-lag")));
    if (!lag || lag->count() < 1)
        return tr("--max-lag is a duration (e.g. 90s, 15m, 1h), not '%1'.").arg(parser.value(QStringLiteral("max-lag")));
    m_maxLag = *lag;
    m_tables = parser.values(QStringLiteral("table"));
    for (const QString &t : std::as_const(m_tables))
        if (t.trimmed().isEmpty())
            return tr("--table needs SCHEMA.TABLE.");
    return {};
}

void CheckFreshnessCommand::run()
{
    resolveDatabase(m_spec, [this](const WatchedDatabase &database) {
        out()->progress(tr("Reading the tables of %1…").arg(m_spec));
        MirrorSnapshot::fetch(client(), database, true, this, [this](const MirrorSnapshot &snapshot, const ApiError &error) {
            if (error.isError()) {
                failCall(tr("Could not read the status of %1").arg(m_spec), error);
                return;
            }
            check(snapshot);
        });
    });
}

void CheckFreshnessCommand::check(const MirrorSnapshot &snapshot)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    struct Problem {
        QString table; // empty: the database
        QString reason;
    };
    QList<Problem> problems;
    if (snapshot.status.status.text != u"Running")
        problems.append({{}, tr("the database is %1, not Running").arg(snapshot.status.status.text)});

    QList<TableMirroringStatus> checked;
    if (m_tables.isEmpty()) {
        checked = snapshot.tables;
    } else {
        for (const QString &wanted : std::as_const(m_tables)) {
            bool found = false;
            for (const TableMirroringStatus &t : snapshot.tables)
                if (MirrorSnapshot::qualifiedName(t).compare(wanted.trimmed(), Qt::CaseInsensitive) == 0) {
                    checked.append(t);
                    found = true;
                }
            if (!found)
                problems.append({wanted, tr("not mirrored (no such table in the status)")});
        }
    }
    QList<QStringList> rows;
    for (const TableMirroringStatus &t : std::as_const(checked)) {
        const QString name = MirrorSnapshot::qualifiedName(t);
        const TableFreshness freshness = tableFreshness(t, now, m_maxLag);
        QString reason;
        if (freshness == TableFreshness::Stale)
            reason = t.error ? tr("%1 with error %2").arg(t.status.text, t.error->errorCode)
                             : tr("stale: %1").arg(t.status.text);
        else if (freshness == TableFreshness::CatchingUp)
            reason = tr("catching up: %1").arg(t.status.text);
        else if (t.metrics && t.metrics->lastSyncLatencyInSeconds
                 && *t.metrics->lastSyncLatencyInSeconds > m_maxLag.count())
            reason = tr("latency %1s over the %2 allowed").arg(*t.metrics->lastSyncLatencyInSeconds)
                         .arg(durationText(m_maxLag));
        if (!reason.isEmpty())
            problems.append({name, reason});
        QStringList row = MirrorSnapshot::tableRow(t, now, m_maxLag);
        row.append(reason.isEmpty() ? tr("ok") : reason);
        rows.append(row);
    }

    if (out()->isJson()) {
        Json json = snapshot.toJson(now, m_maxLag);
        Json tables = Json::array();
        for (const TableMirroringStatus &t : std::as_const(checked))
            tables.push_back(MirrorSnapshot::tableJson(t, now, m_maxLag));
        json["tables"] = tables;
        json["maxLagSeconds"] = qint64(m_maxLag.count());
        json["fresh"] = problems.isEmpty();
        Json list = Json::array();
        for (const Problem &p : std::as_const(problems))
            list.push_back(Json{{"table", p.table.isEmpty() ? Json(nullptr) : Json(toStdString(p.table))},
                                {"reason", toStdString(p.reason)}});
        json["problems"] = list;
        out()->json(json);
    } else {
        out()->table(MirrorSnapshot::tableHeaders() << tr("CHECK"), rows);
    }
    if (problems.isEmpty()) {
        out()->note(tr("%1: %n table(s) fresh.", nullptr, int(checked.size())).arg(m_spec));
        finish(Ok);
        return;
    }
    QStringList lines;
    for (const Problem &p : std::as_const(problems))
        lines << (p.table.isEmpty() ? p.reason : p.table + QStringLiteral(": ") + p.reason);
    fail(CheckFailed, tr("%1 is not fresh (%n problem(s)):\n  %2", nullptr, int(problems.size()))
                          .arg(m_spec, lines.join(QStringLiteral("\n  "))));
}

} // namespace fmc::cli
