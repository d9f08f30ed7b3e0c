#pragma once

#include "app/cli/clicommand.h"

#include "app/monitor/statusmonitor.h"

#include <QHash>

namespace fmc::cli {

//! \brief `fmc ls [WORKSPACE]`: the workspaces the caller sees, or the mirrored databases of one
//! with their mirroring status. JSON fields: workspaces `id`, `displayName`, `type`,
//! `capacityId`; databases `workspaceId`, `id`, `displayName`, `status`.
class LsCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("ls"); }
    QString summary() const override { return tr("List workspaces, or the mirrored databases of one."); }
    QString synopsis() const override { return QStringLiteral("[WORKSPACE]"); }
    void addOptions(QCommandLineParser &parser) const override;
    QString readArguments(const QCommandLineParser &parser) override;

protected:
    void run() override;

private:
    void listWorkspaces();
    void listDatabases(const QList<WatchedDatabase> &databases);
    void printDatabases();

    QString m_workspace;
    QList<WatchedDatabase> m_databases;
    QHash<QString, QString> m_status; //!< database id → status text
    int m_pending = 0;
};

} // namespace fmc::cli
