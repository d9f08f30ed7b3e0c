#pragma once

#include "app/cli/clicommand.h"
#include "app/monitor/statusmonitor.h"

namespace fmc {
class MirroredDatabaseAdmin;
}

namespace fmc::cli {

//! \brief `fmc start|stop WS/DB`, `fmc rename WS/DB NEW-NAME`, `fmc rm WS/DB --yes [--hard]`:
//! the main window's actions, through the same MirroredDatabaseAdmin and its status gating
//! (start only from Initialized or Stopped, stop from Running or Paused; a start after a stop
//! reseeds every table, which is said on stderr). JSON: `{action, workspaceId, id,
//! displayName}`.
class LifecycleCommand : public CliCommand
{
    Q_OBJECT
public:
    enum class Action { Start, Stop, Rename, Remove };

    explicit LifecycleCommand(Action action, QObject *parent = nullptr);

    QString name() const override;
    QString summary() const override;
    QString synopsis() const override;
    void addOptions(QCommandLineParser &parser) const override;
    QString readArguments(const QCommandLineParser &parser) override;

protected:
    void run() override;

private:
    void act(const WatchedDatabase &database);
    void startOrStop(const WatchedDatabase &database);
    void done(const WatchedDatabase &database, const ApiError &error);

    Action m_action;
    QString m_spec;
    QString m_newName;
    bool m_hard = false;
    MirroredDatabaseAdmin *m_admin = nullptr;
};

} // namespace fmc::cli
