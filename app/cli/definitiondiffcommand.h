#pragma once

#include "app/cli/clicommand.h"

#include <QByteArray>

namespace fmc::cli {

//! \brief `fmc definition diff A B`: what changes from A to B, each a mirroring.json file or
//! a WS/DB. Prints the editor's change summary and a unified diff; JSON: `{same, summary[],
//! diff}`. `--exit-code` exits 6 when they differ (as `git diff --exit-code`).
class DefinitionDiffCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("definition diff"); }
    QString summary() const override { return tr("Show what changes between two definitions."); }
    QString synopsis() const override { return QStringLiteral("FROM TO"); }
    void addOptions(QCommandLineParser &parser) const override;
    QString readArguments(const QCommandLineParser &parser) override;
    bool needsSignIn() const override { return !isDefinitionFile(m_from) || !isDefinitionFile(m_to); }

protected:
    void run() override;

private:
    void compare(const MirroringDefinition &from, const MirroringDefinition &to);

    QString m_from;
    QString m_to;
    bool m_exitCode = false;
};

} // namespace fmc::cli
