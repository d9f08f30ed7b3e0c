#include "errorexplanation.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace fmc {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("fmc::ErrorExplanation", text);
}

QUrl learn(const char *path)
{
    return QUrl(QStringLiteral("https://learn.microsoft.com/fabric/mirroring/") + QLatin1String(path));
}

//! One line of the table: an exact errorCode, or a message pattern, or both (either matches).
struct Rule {
    const char *errorCode;       //!< compared case-insensitively; nullptr: none
    const char *messagePattern;  //!< case-insensitive regular expression; nullptr: none
    bool tableOnly;              //!< only for table errors
    ErrorExplanation (*make)();
};

// Written from Learn's "Troubleshoot Fabric mirrored databases", the per-source troubleshooting
// pages (Azure SQL Database, PostgreSQL), "Limitations … from Azure SQL Database" and "Automatic
// reseed"; read there, worded here. Order matters: the first rule that matches wins, codes first.
const Rule kRules[] = {
    {"SourceTableNotFound", R"(table .*(does not|doesn't) exist|TABLE_DOES_NOT_EXIST|SCHEMA_DOES_NOT_EXIST)", true, [] {
         return ErrorExplanation{
             tr("The source table is gone"),
             tr("Mirroring cannot find this table in the source database: it was dropped or renamed "
                "there, or its schema or name in the definition is misspelt."),
             tr("Create the table again at the source, or correct or remove it in the definition's "
                "table list. Once the source has it again, re-sync the table."),
             learn("troubleshooting"), ErrorExplanation::Fix::None};
     }},
    {"ReplicationFailed", R"(change feed|change tracking)", true, [] {
         return ErrorExplanation{
             tr("Reading the source's changes failed"),
             tr("Mirroring could not read this table's changes from the source. Transient source "
                "errors are retried on their own; one that stays needs the table replicated afresh."),
             tr("Re-sync the table (a new snapshot of this table only). If it fails again, stop and "
                "start mirroring, then check the source's replication state with the queries on the "
                "troubleshooting page."),
             learn("azure-sql-database-troubleshoot"), ErrorExplanation::Fix::ResyncTable};
     }},
    {"UnsupportedPrimaryKeyType", R"(primary key.*(data ?type|computed|user-defined))", true, [] {
         return ErrorExplanation{
             tr("The primary key's type cannot be mirrored"),
             tr("A table is mirrored by its primary key, and this key uses a type mirroring does not "
                "support (for example computed or user-defined types, geography, sql_variant or "
                "high-precision time types)."),
             tr("Change the key at the source to a supported type, or leave the table out of the "
                "definition. Re-syncing will not help until the key changes."),
             learn("azure-sql-database-limitations"), ErrorExplanation::Fix::None};
     }},
    {"UnsupportedDataType", R"(unsupported data ?type|UNSUPPORTED_DATA_TYPE)", true, [] {
         return ErrorExplanation{
             tr("A column's type is not supported"),
             tr("At least one column uses a data type mirroring does not replicate."),
             tr("Check the table against the limitations page of your source type; leave the table "
                "out, or change the column at the source and re-sync the table."),
             learn("azure-sql-database-limitations"), ErrorExplanation::Fix::None};
     }},
    {nullptr, R"(special character|forbidden char|column mapping|FORBIDDEN_CHARS)", true, [] {
         return ErrorExplanation{
             tr("A name has characters the table did not allow"),
             tr("Column names with spaces or special characters are replicated with Delta column "
                "mapping, but only for tables added after that support arrived."),
             tr("Re-sync the table: removing it from the definition and adding it back turns column "
                "mapping on for it."),
             learn("troubleshooting#delta-column-mapping-support"), ErrorExplanation::Fix::ResyncTable};
     }},
    {nullptr, R"(transaction log|log (is )?full|reseed)", false, [] {
         return ErrorExplanation{
             tr("The source's transaction log filled up"),
             tr("Changes could not be replicated as fast as the source wrote them, so its log could "
                "not be truncated; the source reseeds mirroring to protect its own writes."),
             tr("Let the reseed finish (the table shows Reseeding). Look for long-running "
                "transactions at the source if it happens again."),
             learn("azure-sql-database-automatic-reseed"), ErrorExplanation::Fix::None};
     }},
    {"CapacityNotActive", R"(capacity .*(paused|not active|inactive)|trial capacity|capacity .*expired)", false, [] {
         return ErrorExplanation{
             tr("The Fabric capacity is paused or gone"),
             tr("Mirroring runs on the workspace's Fabric capacity. While it is paused, the mirrored "
                "database cannot be reached; after a resume, mirroring stays paused until restarted."),
             tr("Resume the capacity (or assign the workspace to an active one), then resume "
                "replication in the portal or stop and start mirroring: that reseeds every table."),
             learn("troubleshooting#changes-to-fabric-capacity"), ErrorExplanation::Fix::RestartMirroring};
     }},
    {nullptr, R"(login failed|authentication|password|credential|permission|not authori[sz]ed|access denied)", false, [] {
         return ErrorExplanation{
             tr("Fabric cannot sign in to the source"),
             tr("The connection's credentials were refused, or the identity lacks the permissions "
                "mirroring needs on the source."),
             tr("Fix the connection's credentials (Manage connections and gateways) or grant the "
                "permissions from the tutorial of your source type, then stop and start mirroring."),
             learn("troubleshooting"), ErrorExplanation::Fix::RestartMirroring};
     }},
    {nullptr, R"(firewall|network|timed? ?out|unreachable|could not connect|cannot connect)", false, [] {
         return ErrorExplanation{
             tr("Fabric cannot reach the source"),
             tr("The source refused or did not answer the connection: a firewall rule, a private "
                "network or the server being down."),
             tr("Allow Fabric through the source's firewall (or use a gateway for private "
                "networks); mirroring retries by itself once it gets through."),
             learn("troubleshooting"), ErrorExplanation::Fix::None};
     }},
    {nullptr, R"(change data capture|\bCDC\b|synapse link|already mirrored)", false, [] {
         return ErrorExplanation{
             tr("The source uses a feature mirroring excludes"),
             tr("An Azure SQL database cannot be mirrored while Change Data Capture or Azure Synapse "
                "Link is on, or while another workspace already mirrors it."),
             tr("Turn the other feature off (or remove the other mirror), then stop and start "
                "mirroring."),
             learn("azure-sql-database-limitations"), ErrorExplanation::Fix::RestartMirroring};
     }},
    {nullptr, R"(maximum number of tables|too many tables|table limit)", false, [] {
         return ErrorExplanation{
             tr("Too many tables"),
             tr("The source type mirrors at most a fixed number of tables (500 for Azure SQL "
                "sources); the rest are left out."),
             tr("Select the tables that matter in the definition's table list instead of mirroring "
                "everything."),
             learn("azure-sql-database-limitations"), ErrorExplanation::Fix::None};
     }},
};

bool matches(const Rule &rule, const ErrorResponse &error)
{
    return rule.errorCode && error.errorCode.compare(QLatin1String(rule.errorCode), Qt::CaseInsensitive) == 0;
}

bool messageMatches(const Rule &rule, const ErrorResponse &error)
{
    if (!rule.messagePattern)
        return false;
    // Bounded: a hostile megabyte-long message costs no more than its first few thousand characters.
    const QString message = error.message.left(4000);
    return QRegularExpression(QString::fromUtf8(rule.messagePattern), QRegularExpression::CaseInsensitiveOption)
        .match(message)
        .hasMatch();
}

} // namespace

std::optional<ErrorExplanation> explainError(const ErrorResponse &error, ErrorScope scope)
{
    const auto applies = [scope](const Rule &rule) { return !rule.tableOnly || scope == ErrorScope::Table; };
    for (const Rule &rule : kRules)
        if (applies(rule) && matches(rule, error))
            return rule.make();
    for (const Rule &rule : kRules)
        if (applies(rule) && messageMatches(rule, error))
            return rule.make();
    return std::nullopt;
}

QString rawErrorText(const ErrorResponse &error)
{
    QString text = error.errorCode.isEmpty() ? tr("(no error code)") : error.errorCode;
    if (!error.message.isEmpty())
        text += QStringLiteral(": ") + error.message;
    if (!error.requestId.isEmpty())
        text += QStringLiteral(" ") + tr("(request id %1)").arg(error.requestId);
    return text;
}

QUrl mirroringTroubleshootingUrl()
{
    return learn("troubleshooting");
}

} // namespace fmc
