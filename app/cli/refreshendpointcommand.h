#pragma once

#include "app/cli/clicommand.h"

#include <chrono>

namespace fmc {
class SqlEndpointRefresher;
class SqlEndpointSyncStore;
}

namespace fmc::cli {

//! \brief `fmc refresh-endpoint WS/DB [--timeout 15m] [--recreate-tables]`: refreshes the
//! metadata of the database's SQL analytics endpoint (refreshMetadata, long-running) through
//! the console's SqlEndpointRefresher, and lists each table's sync result. Exit 0 when every
//! table synced, 6 when some failed. JSON: `{workspaceId, id, displayName, sqlEndpointId,
//! tables: [{table, status, lastSuccessfulSyncDateTime, error}]}`.
class RefreshEndpointCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("refresh-endpoint"); }
    QString summary() const override { return tr("Refresh the SQL analytics endpoint's metadata."); }
    QString synopsis() const override { return QStringLiteral("WS/DB"); }
    void addOptions(QCommandLineParser &parser) const override;
    QString readArguments(const QCommandLineParser &parser) override;

protected:
    void run() override;

private:
    QString m_spec;
    std::chrono::minutes m_timeout{15};
    bool m_recreateTables = false;
    SqlEndpointSyncStore *m_store = nullptr;
    SqlEndpointRefresher *m_refresher = nullptr;
};

} // namespace fmc::cli
