#include "app/cli/waitcommand.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroringstatusrequest.h"
#include "app/cli/cliduration.h"
#include "app/cli/cliexitcode.h"
#include "app/cli/clioutput.h"
#include "models/json.h"
#include "models/mirroringstatusresponse.h"

#include <QCommandLineParser>
#include <QHash>

namespace fmc::cli {

namespace {

QStringList knownStates()
{
    QStringList states;
    for (std::string_view name : enumNames(MirroringStatus{}))
        states << QString::fromLatin1(name.data(), qsizetype(name.size()));
    return states;
}

} // namespace

void WaitCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("database"), tr("WORKSPACE/DATABASE, names or ids."),
                                 QStringLiteral("WS/DB"));
    parser.addOption({QStringLiteral("until"), tr("The state to wait for: %1.").arg(knownStates().join(QStringLiteral(", "))),
                      QStringLiteral("STATE")});
    parser.addOption({QStringLiteral("timeout"), tr("Give up after this long (default 30m)."), QStringLiteral("DURATION"),
                      QStringLiteral("30m")});
    parser.addOption({QStringLiteral("interval"), tr("Time between status reads (default 10s)."),
                      QStringLiteral("DURATION"), QStringLiteral("10s")});
}

QString WaitCommand::readArguments(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return tr("needs one WS/DB.");
    m_spec = parser.positionalArguments().first();
    const QString until = parser.value(QStringLiteral("until"));
    for (const QString &state : knownStates())
        if (state.compare(until, Qt::CaseInsensitive) == 0)
            m_until = state;
    if (m_until.isEmpty())
        return tr("--until is one of %1, not '%2'.").arg(knownStates().join(QStringLiteral(", ")), until);
    const auto timeout = parseDuration(parser.value(QStringLiteral("timeout")));
    if (!timeout || timeout->count() < 1)
        return tr("--timeout is a duration (e.g. 90s, 30m, 2h), not '%1'.").arg(parser.value(QStringLiteral("timeout")));
    const auto interval = parseDuration(parser.value(QStringLiteral("interval")));
    if (!interval || interval->count() < 1)
        return tr("--interval is a duration of at least 1s, not '%1'.").arg(parser.value(QStringLiteral("interval")));
    m_timeout = *timeout;
    m_interval = *interval;
    return {};
}

QString WaitCommand::unreachableReason(const QString &target, const QString &current)
{
    // What needs a start or a stop by someone to move on; everything else moves by itself.
    static const QHash<QString, QStringList> dead{
        {QStringLiteral("Running"), {QStringLiteral("Stopping"), QStringLiteral("Stopped")}},
        {QStringLiteral("Starting"), {QStringLiteral("Running"), QStringLiteral("Stopping"), QStringLiteral("Stopped")}},
        {QStringLiteral("Stopped"), {QStringLiteral("Initializing"), QStringLiteral("Initialized")}},
        {QStringLiteral("Initialized"),
         {QStringLiteral("Starting"), QStringLiteral("Running"), QStringLiteral("Paused"), QStringLiteral("Stopping"),
          QStringLiteral("Stopped")}},
        {QStringLiteral("Initializing"),
         {QStringLiteral("Initialized"), QStringLiteral("Starting"), QStringLiteral("Running"), QStringLiteral("Paused"),
          QStringLiteral("Stopping"), QStringLiteral("Stopped")}},
    };
    if (!dead.value(target).contains(current))
        return {};
    if (target == u"Running" || target == u"Starting")
        return tr("it is %1 and will not become %2 until mirroring is started again.").arg(current, target);
    if (target == u"Stopped")
        return tr("it is %1: mirroring was never started, so it cannot stop.").arg(current);
    return tr("it is %1 and does not go back to %2.").arg(current, target);
}

void WaitCommand::run()
{
    resolveDatabase(m_spec, [this](const WatchedDatabase &database) {
        m_database = database;
        m_deadline.setRemainingTime(m_timeout);
        m_waited.start();
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &WaitCommand::poll);
        poll();
    });
}

void WaitCommand::poll()
{
    client()->send(
        new GetMirroringStatusRequest(m_database.workspaceId, m_database.databaseId), this,
        [this](const ApiResult<MirroringStatusResponse> &result) {
            QString status;
            if (!result.ok()) {
                const ApiError::Kind kind = result.error.kind();
                if (kind == ApiError::Kind::SignInRequired || kind == ApiError::Kind::NotFound
                    || kind == ApiError::Kind::Forbidden) {
                    failCall(tr("Could not read the status of %1").arg(m_spec), result.error);
                    return;
                }
                // A transient failure (after the client's own retries): keep waiting, say so.
                out()->progress(tr("%1: %2; trying again").arg(m_spec, result.error.userMessage()));
            } else {
                status = result.value.status.text;
                if (status == m_until) {
                    end(Ok, status, {});
                    return;
                }
                const QString reason = unreachableReason(m_until, status);
                if (!reason.isEmpty()) {
                    end(CheckFailed, status, reason);
                    return;
                }
                out()->progress(tr("%1 is %2, waiting for %3 (%4 so far)…")
                                    .arg(m_spec, status, m_until,
                                         durationText(std::chrono::seconds(m_waited.elapsed() / 1000))));
            }
            const qint64 remaining = m_deadline.remainingTime();
            if (remaining <= 0) {
                end(TimedOut, status,
                    tr("still %1 after %2.").arg(status.isEmpty() ? tr("unknown") : status, durationText(m_timeout)));
                return;
            }
            m_timer.start(int(qMin<qint64>(remaining, std::chrono::milliseconds(m_interval).count())));
        });
}

void WaitCommand::end(int exitCode, const QString &status, const QString &reason)
{
    const qint64 waited = m_waited.elapsed() / 1000;
    if (out()->isJson())
        out()->json(Json{{"workspaceId", toStdString(m_database.workspaceId)},
                         {"id", toStdString(m_database.databaseId)},
                         {"displayName", toStdString(m_database.displayName)},
                         {"until", toStdString(m_until)},
                         {"status", toStdString(status)},
                         {"reached", exitCode == Ok},
                         {"reason", reason.isEmpty() ? Json(nullptr) : Json(toStdString(reason))},
                         {"waitedSeconds", waited}});
    if (exitCode == Ok) {
        out()->note(tr("%1 is %2.").arg(m_spec, status));
        finish(Ok);
    } else {
        fail(exitCode, tr("%1 did not reach %2: %3").arg(m_spec, m_until, reason));
    }
}

} // namespace fmc::cli
