#include "app/cli/definitionshowcommand.h"

#include "app/cli/cliexitcode.h"
#include "app/cli/clioutput.h"
#include "models/mirroringdefinition.h"
#include "models/mirroringdefinitionfile.h"

#include <QCommandLineParser>

namespace fmc::cli {

void DefinitionShowCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("source"), tr("WORKSPACE/DATABASE, or a mirroring.json file."),
                                 QStringLiteral("WS/DB|FILE"));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("file")}, tr("Also save the document to FILE."),
                      QStringLiteral("FILE")});
}

QString DefinitionShowCommand::readArguments(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return tr("needs one WS/DB or FILE.");
    m_spec = parser.positionalArguments().first();
    m_outputFile = parser.value(QStringLiteral("file"));
    return {};
}

void DefinitionShowCommand::run()
{
    loadDefinition(m_spec, [this](const MirroringDefinition &definition) {
        const QList<ValidationProblem> problems = definition.validate();
        if (!m_outputFile.isEmpty()) {
            QString error;
            if (!MirroringDefinitionFile::save(m_outputFile, definition, &error)) {
                fail(Failed, tr("Cannot write %1: %2").arg(m_outputFile, error));
                return;
            }
        }
        if (out()->isJson()) {
            Json list = Json::array();
            for (const ValidationProblem &p : problems)
                list.push_back(Json{{"severity", p.isError() ? "error" : "warning"},
                                    {"path", toStdString(p.jsonPath)},
                                    {"message", toStdString(p.message)}});
            out()->json(Json{{"definition", definition.document()}, {"problems", list}});
        } else {
            reportProblems(m_spec, problems);
            out()->raw(definition.toJsonBytes() + (out()->stdoutIsTerminal() ? "\n" : ""));
        }
        finish(Ok);
    });
}

} // namespace fmc::cli
