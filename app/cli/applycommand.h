#pragma once

#include "app/cli/clicommand.h"
#include "app/monitor/statusmonitor.h"
#include "models/mirroringdefinition.h"

#include <optional>

namespace fmc {
class ApiRequest;
}

namespace fmc::cli {

//! \brief `fmc apply WS/NAME -f mirroring.json [--dry-run]`: creates mirrored database NAME in
//! WS with the file's definition, or updates its definition when it exists (nothing is sent
//! when the service has the same bytes already). The file must pass the editor's validation,
//! and a change of connection, database or default schema needs a stopped mirror (the
//! service's rule, checked first). --dry-run checks all that and prints the request instead
//! of sending it. JSON: `{action, workspaceId, id, displayName}`, action one of `created`,
//! `updated`, `unchanged`; with --dry-run `{action, method, path, body}`.
class ApplyCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("apply"); }
    QString summary() const override { return tr("Create or update a mirrored database from a file."); }
    QString synopsis() const override { return QStringLiteral("WS/NAME -f FILE"); }
    void addOptions(QCommandLineParser &parser) const override;
    QString readArguments(const QCommandLineParser &parser) override;

protected:
    void run() override;

private:
    void create(const QString &workspaceId);
    void update(const WatchedDatabase &database);
    void updateFrom(const WatchedDatabase &database, const QString &status, const MirroringDefinition &current);
    //! --dry-run: prints \a request's verb, path and \a body, and deletes it unsent.
    void printDryRun(const QString &action, ApiRequest *request, const Json &body);
    void done(const QString &action, const QString &workspaceId, const QString &id);

    QString m_spec;
    QString m_file;
    QString m_description;
    bool m_dryRun = false;
    std::optional<MirroringDefinition> m_definition;
};

} // namespace fmc::cli
