#include "app/cli/definitiondiffcommand.h"

#include "app/cli/cliexitcode.h"
#include "app/cli/clioutput.h"
#include "models/definitiondiff.h"
#include "models/mirroringdefinition.h"

#include <QCommandLineParser>

namespace fmc::cli {

void DefinitionDiffCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("from"), tr("WS/DB or mirroring.json file."), QStringLiteral("FROM"));
    parser.addPositionalArgument(QStringLiteral("to"), tr("WS/DB or mirroring.json file."), QStringLiteral("TO"));
    parser.addOption({QStringLiteral("exit-code"), tr("Exit 6 when the definitions differ.")});
}

QString DefinitionDiffCommand::readArguments(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 2)
        return tr("needs FROM and TO (files or WS/DB).");
    m_from = parser.positionalArguments().at(0);
    m_to = parser.positionalArguments().at(1);
    m_exitCode = parser.isSet(QStringLiteral("exit-code"));
    return {};
}

void DefinitionDiffCommand::run()
{
    loadDefinition(m_from, [this](const MirroringDefinition &from) {
        loadDefinition(m_to, [this, from](const MirroringDefinition &to) { compare(from, to); });
    });
}

void DefinitionDiffCommand::compare(const MirroringDefinition &from, const MirroringDefinition &to)
{
    const QByteArray before = from.toJsonBytes();
    const QByteArray after = to.toJsonBytes();
    const bool same = before == after;
    const QStringList summary = DefinitionDiff::summary(from, to);
    const QString diff = same ? QString()
                              : DefinitionDiff::unifiedText(DefinitionDiff::linesOf(before), DefinitionDiff::linesOf(after));
    if (out()->isJson()) {
        Json list = Json::array();
        for (const QString &line : summary)
            list.push_back(toStdString(line));
        out()->json(Json{{"same", same}, {"summary", list}, {"diff", toStdString(diff)}});
    } else if (!same) {
        for (const QString &line : summary)
            out()->line(QStringLiteral("# ") + line);
        out()->line(diff.endsWith(u'\n') ? diff.chopped(1) : diff);
    } else {
        out()->note(tr("The definitions are the same."));
    }
    finish(!same && m_exitCode ? CheckFailed : Ok);
}

} // namespace fmc::cli
