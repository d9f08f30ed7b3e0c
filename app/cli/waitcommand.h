#pragma once

#include "app/cli/clicommand.h"
#include "app/monitor/statusmonitor.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTimer>

#include <chrono>

namespace fmc::cli {

//! \brief `fmc wait WS/DB --until STATE [--timeout 30m]`: polls the mirroring status until it
//! is STATE (exit 0), a state from which STATE cannot come without someone acting (exit 6,
//! e.g. Stopped while waiting for Running), or the timeout (exit 7). Says why on stderr; with
//! --output json prints `{workspaceId, id, displayName, until, status, reached, reason,
//! waitedSeconds}` either way.
class WaitCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("wait"); }
    QString summary() const override { return tr("Wait until a mirrored database reaches a state."); }
    QString synopsis() const override { return QStringLiteral("WS/DB --until STATE"); }
    void addOptions(QCommandLineParser &parser) const override;
    QString readArguments(const QCommandLineParser &parser) override;

    //! \brief Why \a target can no longer come from \a current without a start or a stop, or
    //! empty when it still may (a state this version does not know never blocks).
    static QString unreachableReason(const QString &target, const QString &current);

protected:
    void run() override;

private:
    void poll();
    void end(int exitCode, const QString &status, const QString &reason);

    QString m_spec;
    QString m_until;
    std::chrono::seconds m_timeout{30 * 60};
    std::chrono::seconds m_interval{10};
    WatchedDatabase m_database;
    QDeadlineTimer m_deadline;
    QElapsedTimer m_waited;
    QTimer m_timer;
};

} // namespace fmc::cli
