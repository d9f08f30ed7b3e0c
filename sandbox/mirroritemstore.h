#pragma once

#include "models/json.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace fmc::sandbox {

class FabricState;

//! \brief The mirror items that are not mirrored databases: MirroredCatalog (preview),
//! MirroredAzureDatabricksCatalog, Fabric SQL databases and other `Mirrored*` types known only
//! to the generic item list. Their states are set by the demo data and moved by the calls
//! (refreshCatalogMetadata, start/stopMirroring); time comes from the FabricState's clock.
class MirrorItemStore
{
public:
    //! One table of a mirrored catalog (TableMirroringStatus, mirroredCatalog/definitions.json).
    struct CatalogTable {
        QString schema, name;
        QString status = QStringLiteral("Running"); //!< Running, Failed, Stopped
        bool synced = true;                         //!< false: discovered, no sync cycle yet
        QString errorCode, errorMessage;            //!< set for Failed
    };
    struct Catalog {
        QString id, workspaceId, displayName, description, sourceType, connectionId, sqlEndpointId;
        QStringList scope;
        QString status = QStringLiteral("Running"); //!< ItemMirroringState: Running, Stopped, Failed
        QString errorCode, errorMessage;            //!< the item error of a Failed catalog
        qint64 lastSyncMs = -1;                     //!< negative: never synced
        qint64 metadataRefreshedMs = -1;            //!< the end of the last refreshCatalogMetadata
        std::vector<CatalogTable> tables;
    };
    struct DatabricksCatalog {
        QString id, workspaceId, displayName, description, catalogName, connectionId, sqlEndpointId;
        QString mirroringMode = QStringLiteral("Full");  //!< Full, Partial
        QString autoSync = QStringLiteral("Enabled");    //!< Enabled, Disabled
        QString syncStatus = QStringLiteral("Success");  //!< NotStarted, InProgress, Success, Failed
        QString errorCode, errorMessage;                 //!< errorInfo of a Failed sync
        qint64 lastSyncMs = -1;
        qint64 refreshEndsMs = -1;  //!< a refresh in progress until then (InProgress)
        bool refreshFails = false;  //!< ... and it ends Failed
    };
    struct SqlDatabase {
        QString id, workspaceId, displayName, description, databaseName;
        bool mirroring = true; //!< not visible through the API (there is no status endpoint)
        int starts = 0, stops = 0;
    };
    //! A `Mirrored*` item this emulator serves only through `GET /workspaces/{ws}/items`.
    struct GenericMirror {
        QString id, workspaceId, type, displayName, description;
    };

    void clear();
    //! The demo items, spread over the demo workspaces of \a state (every state of each type).
    void buildDemo(FabricState &state);
    //! \brief One item of another type in the generated workspace \a workspaceId (`--scale`): the
    //! \a n-th such item is a mirrored catalog, an Azure Databricks catalog or a SQL database in
    //! turn; every fourth catalog of each kind is failed.
    void addScaled(FabricState &state, const QString &workspaceId, const QString &name, int n);
    //! \brief An item of \a type, any text, in \a workspaceId, served like the demo's
    //! MirroredCosmosDbContainer (the generic list, catalog search); returns its id. Tests give
    //! it the type texts a hostile service could send.
    QString addGeneric(FabricState &state, const QString &workspaceId, const QString &type, const QString &displayName);

    //! \name The state file's `mirrorItems` (every item, its state and its tables)
    //! @{
    Json toJson() const;
    //! Replaces every item with those of \a json; throws (nothing changed) when it is malformed.
    void loadJson(const Json &json);
    //! @}

    Catalog *catalog(const QString &workspaceId, const QString &id);
    DatabricksCatalog *databricksCatalog(const QString &workspaceId, const QString &id);
    SqlDatabase *sqlDatabase(const QString &workspaceId, const QString &id);
    QList<Catalog *> catalogs(const QString &workspaceId);
    QList<DatabricksCatalog *> databricksCatalogs(const QString &workspaceId);
    QList<SqlDatabase *> sqlDatabases(const QString &workspaceId);

    //! Every item of \a workspaceId as the generic list shows it: {id, type, displayName,
    //! description}, in a stable order (catalogs, Databricks catalogs, SQL databases, others).
    struct Listed {
        QString id, type, displayName, description;
        QString sqlEndpointId; //!< the item's SQL analytics endpoint, if it has one
    };
    QList<Listed> listed(const QString &workspaceId) const;

    //! Ends a Databricks catalog's refresh that is due by \a nowMs (InProgress → Success/Failed).
    static void settle(DatabricksCatalog &catalog, qint64 nowMs);

    //! \name Bodies as the spec shows them, as of \a nowMs
    //! A running catalog syncs once a minute: its last sync is the last full minute.
    //! @{
    static Json catalogJson(const Catalog &catalog, bool withProperties);
    static Json catalogStatusJson(const Catalog &catalog, qint64 nowMs);
    static Json catalogTableJson(const Catalog &catalog, const CatalogTable &table, qint64 nowMs);
    static Json databricksJson(const DatabricksCatalog &catalog, bool withProperties);
    static Json sqlDatabaseJson(const SqlDatabase &database, bool withProperties);
    //! @}

private:
    std::vector<std::unique_ptr<Catalog>> m_catalogs; // pointers stay valid across inserts
    std::vector<std::unique_ptr<DatabricksCatalog>> m_databricks;
    std::vector<std::unique_ptr<SqlDatabase>> m_sqlDatabases;
    QList<GenericMirror> m_generic;
};

} // namespace fmc::sandbox
