#include "sourceprerequisites.h"

#include <QCoreApplication>

namespace fmc {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SourcePrerequisites", text);
}

QUrl learn(const char *page)
{
    return QUrl(QStringLiteral("https://learn.microsoft.com/fabric/mirroring/") + QLatin1String(page));
}

} // namespace

// Summaries of the Learn tutorial and limitations page of each source (mirroring docs,
// 2025-2026). The managed-identity steps are also in fabric-contract.md §1.1: for Azure SQL
// Database, Azure SQL Managed Instance, Azure Database for PostgreSQL and SQL Server 2025 the
// source's managed identity must have Read and Write on the mirrored database, which the portal
// grants and an API-created mirror must grant itself.
SourcePrerequisites SourcePrerequisites::forSourceType(const QString &sourceType)
{
    const QString type = sourceType;
    if (type == QLatin1String("AzureSqlDatabase"))
        return {type,
                tr("1. Turn on the system-assigned managed identity of the logical server "
                   "(Azure portal: SQL server > Security > Identity).\n"
                   "2. Give that identity Read and Write on this mirrored database (or a workspace role).\n"
                   "3. Mirror a writable primary database that has no Change Data Capture, no Azure "
                   "Synapse Link and no other Fabric mirror.\n"
                   "4. Let the login of the connection read the tables: db_owner, or SELECT, ALTER ANY "
                   "EXTERNAL MIRROR, VIEW DATABASE PERFORMANCE STATE and VIEW DATABASE SECURITY STATE.\n"
                   "5. Let Azure services reach the server (firewall), or use a gateway."),
                learn("azure-sql-database-tutorial")};
    if (type == QLatin1String("AzureSqlMI"))
        return {type,
                tr("1. Turn on the system-assigned managed identity of the managed instance "
                   "(Azure portal: SQL managed instance > Security > Identity).\n"
                   "2. Give that identity Read and Write on this mirrored database (or a workspace role).\n"
                   "3. Let the login of the connection read the tables (db_owner, or SELECT, ALTER ANY "
                   "EXTERNAL MIRROR and the VIEW ... STATE permissions).\n"
                   "4. Open the public endpoint, or reach the instance through a virtual network gateway."),
                learn("azure-sql-managed-instance-tutorial")};
    if (type == QLatin1String("AzurePostgreSql"))
        return {type,
                tr("1. Use a flexible server (General Purpose or Memory Optimized, not Burstable), "
                   "PostgreSQL 14 or later, on a writable primary.\n"
                   "2. Turn on its system-assigned managed identity and run \"Fabric mirroring\" > "
                   "Get started in the Azure portal: it sets the server parameters mirroring needs "
                   "(logical WAL, the azure_cdc extension, worker processes) and restarts the server.\n"
                   "3. Give the database role of the connection CREATEDB, CREATEROLE, LOGIN, REPLICATION "
                   "and azure_cdc_admin; it must own the mirrored tables.\n"
                   "4. Give the managed identity Read and Write on this mirrored database."),
                learn("azure-database-postgresql-tutorial")};
    if (type == QLatin1String("AzureMySql"))
        return {type,
                tr("1. Set the server parameters binlog_row_image = FULL (or NOBLOB), gtid_mode = OFF "
                   "and aad_auth_only = OFF.\n"
                   "2. Turn on Fabric mirroring for the server in the Azure portal.\n"
                   "3. Let the user of the connection read the tables."),
                learn("azure-database-mysql-tutorial")};
    if (type == QLatin1String("CosmosDb"))
        return {type,
                tr("1. Turn on continuous backup (7 or 30 days) on the Azure Cosmos DB account.\n"
                   "2. Let the connection's key or identity read the account."),
                learn("azure-cosmos-db-tutorial")};
    if (type == QLatin1String("Snowflake"))
        return {type,
                tr("1. Give the Snowflake user of the connection a warehouse to run on, USAGE on the "
                   "database and its schemas, SELECT on the tables and CREATE STREAM on the schemas.\n"
                   "2. Mirroring runs queries on that warehouse: it costs Snowflake credits, and "
                   "a reseed reads every table again."),
                learn("snowflake-tutorial")};
    if (type == QLatin1String("SqlServer2025"))
        return {type,
                tr("1. Connect the server to Azure Arc and turn on its managed identity (Azure "
                   "extension for SQL Server).\n"
                   "2. Give that identity Read and Write on this mirrored database.\n"
                   "3. Install an on-premises data gateway that reaches the server.\n"
                   "4. Let the login of the connection read the tables."),
                learn("sql-server-tutorial")};
    if (type == QLatin1String("MSSQL"))
        return {type,
                tr("1. SQL Server 2016 to 2022 mirror through Change Data Capture: enable it on the "
                   "database for the mirrored tables.\n"
                   "2. Install an on-premises data gateway that reaches the server.\n"
                   "3. Let the login of the connection read the tables."),
                learn("sql-server-tutorial")};
    if (type == QLatin1String("GenericMirror"))
        return {type,
                tr("Open mirroring needs nothing on a source: your application writes change files "
                   "into the mirrored database's landing zone in OneLake."),
                learn("open-mirroring")};
    return {type,
            tr("Read the tutorial for this source type: what to enable on the source and which "
               "permissions the connection needs."),
            learn("overview")};
}

} // namespace fmc
