#pragma once

#include "app/cli/clicommand.h"

#include <QStringList>

#include <optional>

namespace fmc::cli {

//! \brief `fmc definition new --source-type T --connection ID --database DB --table S.T …
//! [-o FILE]`: builds a `mirroring.json` with the definition editor's own form
//! (DefinitionEditorBackend), so the same choices give the same bytes as the editor's Save.
//! No table given: mirror all. Refuses (exit 2) what the form's validation refuses.
class DefinitionNewCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("definition new"); }
    QString summary() const override { return tr("Build a mirroring.json from options."); }
    QString synopsis() const override { return QStringLiteral("--source-type TYPE …"); }
    void addOptions(QCommandLineParser &parser) const override;
    QString readArguments(const QCommandLineParser &parser) override;
    bool needsSignIn() const override { return false; }

protected:
    void run() override;

private:
    QString m_sourceType;
    QString m_connection;
    QString m_database;
    QString m_defaultSchema;
    QStringList m_tables;
    std::optional<int> m_retentionDays;
    bool m_changeDataFeed = false;
    QString m_outputFile;
};

} // namespace fmc::cli
