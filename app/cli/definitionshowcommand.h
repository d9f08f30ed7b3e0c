#pragma once

#include "app/cli/clicommand.h"

namespace fmc::cli {

//! \brief `fmc definition show WS/DB|FILE [-o FILE]`: the `mirroring.json` of a mirrored
//! database (getDefinition) or of a file, checked by the editor's validation (problems on
//! stderr). Table output: the document's bytes; JSON: `{definition, problems: [{severity,
//! path, message}]}`.
class DefinitionShowCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("definition show"); }
    QString summary() const override { return tr("Print and check a mirroring.json."); }
    QString synopsis() const override { return QStringLiteral("WS/DB|FILE"); }
    void addOptions(QCommandLineParser &parser) const override;
    QString readArguments(const QCommandLineParser &parser) override;
    bool needsSignIn() const override { return !isDefinitionFile(m_spec); }

protected:
    void run() override;

private:
    QString m_spec;
    QString m_outputFile;
};

} // namespace fmc::cli
