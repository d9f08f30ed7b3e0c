#include "app/cli/definitionnewcommand.h"

#include "app/cli/cliexitcode.h"
#include "app/cli/clioutput.h"
#include "app/editor/definitionfiles.h"
#include "models/definitioneditorbackend.h"
#include "models/mirroringdefinition.h"
#include "models/tableselectionmodel.h"

#include <QCommandLineParser>

namespace fmc::cli {

void DefinitionNewCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption({QStringLiteral("source-type"), tr("Source type, e.g. AzureSqlDatabase, Snowflake, GenericMirror."),
                      QStringLiteral("TYPE")});
    parser.addOption({QStringLiteral("connection"), tr("Source connection id (GUID)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("database"), tr("Source database."), QStringLiteral("DB")});
    parser.addOption({QStringLiteral("table"), tr("Mirror this table (SCHEMA.TABLE; repeatable; none: all)."),
                      QStringLiteral("SCHEMA.TABLE")});
    parser.addOption({QStringLiteral("default-schema"), tr("Target default schema."), QStringLiteral("SCHEMA")});
    parser.addOption({QStringLiteral("retention-days"), tr("Retention of deleted files, 1-30 days."),
                      QStringLiteral("DAYS")});
    parser.addOption({QStringLiteral("change-data-feed"), tr("Enable the Delta change data feed.")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("file")}, tr("Write to FILE instead of stdout."),
                      QStringLiteral("FILE")});
}

QString DefinitionNewCommand::readArguments(const QCommandLineParser &parser)
{
    if (!parser.positionalArguments().isEmpty())
        return tr("takes options only, not '%1'.").arg(parser.positionalArguments().first());
    m_sourceType = parser.value(QStringLiteral("source-type")).trimmed();
    if (m_sourceType.isEmpty())
        return tr("needs --source-type (e.g. AzureSqlDatabase).");
    m_connection = parser.value(QStringLiteral("connection")).trimmed();
    m_database = parser.value(QStringLiteral("database")).trimmed();
    m_defaultSchema = parser.value(QStringLiteral("default-schema")).trimmed();
    m_tables = parser.values(QStringLiteral("table"));
    if (parser.isSet(QStringLiteral("retention-days"))) {
        bool ok = false;
        const int days = parser.value(QStringLiteral("retention-days")).toInt(&ok);
        if (!ok)
            return tr("--retention-days is a whole number of days, not '%1'.")
                .arg(parser.value(QStringLiteral("retention-days")));
        m_retentionDays = days;
    }
    m_changeDataFeed = parser.isSet(QStringLiteral("change-data-feed"));
    m_outputFile = parser.value(QStringLiteral("file"));
    return {};
}

void DefinitionNewCommand::run()
{
    // The editor's form, driven as a person would fill it: same rules, same document.
    DefinitionEditorBackend form(DefinitionEditorBackend::Mode::Offline);
    form.setSourceType(m_sourceType);
    if (!m_connection.isEmpty())
        form.setConnection(m_connection);
    if (!m_database.isEmpty())
        form.setDatabase(m_database);
    if (!m_defaultSchema.isEmpty())
        form.setDefaultSchema(m_defaultSchema);
    if (m_retentionDays)
        form.setRetentionInDays(*m_retentionDays);
    if (m_changeDataFeed)
        form.setChangeDataFeed(true);
    form.setMirrorAll(m_tables.isEmpty());
    for (const QString &line : std::as_const(m_tables)) {
        QString why;
        const auto table = TableSelectionModel::parseLine(line, &why);
        if (!table || table->tableName.isEmpty()) {
            fail(Usage, tr("--table '%1': %2").arg(line, why.isEmpty() ? tr("needs SCHEMA.TABLE") : why));
            return;
        }
        if (!form.tables()->addTable(table->schemaName, table->tableName)) {
            fail(Usage, tr("--table '%1': %2").arg(line, form.tables()->lastMessage()));
            return;
        }
    }
    if (reportProblems(tr("definition"), form.problems())) {
        finish(Usage);
        return;
    }
    if (m_outputFile.isEmpty()) {
        // The document's exact bytes (redirected, they equal -o FILE); a newline only on a terminal.
        out()->raw(form.definition().toJsonBytes() + (out()->stdoutIsTerminal() ? "\n" : ""));
        finish(Ok);
        return;
    }
    if (!DefinitionFiles::saveAs(&form, nullptr, m_outputFile)) {
        fail(Failed, tr("Cannot write %1: %2").arg(m_outputFile, form.lastError()));
        return;
    }
    out()->note(tr("Wrote %1.").arg(m_outputFile));
    finish(Ok);
}

} // namespace fmc::cli
