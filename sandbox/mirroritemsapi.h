#pragma once

#include "sandbox/sandboxhttp.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fmc::sandbox {

class FabricApi;
class FabricState;

//! \brief The typed endpoints of the mirror items beside mirrored databases: MirroredCatalog
//! (preview; its status and refresh calls need `beta=true`), MirroredAzureDatabricksCatalog and
//! the Fabric SQL database's start/stopMirroring. FabricApi hands it what its own routes do not
//! match, so authentication, roles, faults, throttling and paging are the same as for the rest.
class MirrorItemsApi
{
public:
    MirrorItemsApi(FabricApi *api, FabricState *state);

    //! The spec operationId of \a method on \a path, empty if none of these routes.
    QString operationId(const QByteArray &method, const QString &path) const;
    //! Answers \a request if one of these routes matches it (nullopt otherwise); \a failOperations:
    //! a long-running call this request starts ends Failed (the failOperations fault).
    std::optional<SandboxResponse> handle(const SandboxRequest &request, bool failOperations);
    //! The methods these routes allow on \a path (for a 405 of FabricApi).
    QStringList allowedMethods(const QString &path) const;

private:
    using Handler = SandboxResponse (MirrorItemsApi::*)(const SandboxRequest &, const QStringList &, bool);
    struct Route {
        QByteArray method;
        QStringList segments; //!< "{}" matches one path segment
        QString operationId;
        bool beta = false;    //!< the spec requires `beta=true`
        Handler handler;
    };
    const Route *match(const QByteArray &method, const QString &path, QStringList *args) const;

    SandboxResponse listCatalogs(const SandboxRequest &, const QStringList &, bool);
    SandboxResponse getCatalog(const SandboxRequest &, const QStringList &, bool);
    SandboxResponse catalogStatus(const SandboxRequest &, const QStringList &, bool);
    SandboxResponse catalogTablesStatus(const SandboxRequest &, const QStringList &, bool);
    SandboxResponse refreshCatalog(const SandboxRequest &, const QStringList &, bool);
    SandboxResponse listDatabricks(const SandboxRequest &, const QStringList &, bool);
    SandboxResponse getDatabricks(const SandboxRequest &, const QStringList &, bool);
    SandboxResponse refreshDatabricks(const SandboxRequest &, const QStringList &, bool);
    SandboxResponse listSqlDatabases(const SandboxRequest &, const QStringList &, bool);
    SandboxResponse getSqlDatabase(const SandboxRequest &, const QStringList &, bool);
    SandboxResponse startSqlDatabaseMirroring(const SandboxRequest &, const QStringList &, bool);
    SandboxResponse stopSqlDatabaseMirroring(const SandboxRequest &, const QStringList &, bool);
    SandboxResponse setSqlDatabaseMirroring(const QStringList &args, bool on);

    //! The item args[1] of workspace args[0] found by \a find, or an error in \a error.
    template <typename T, typename Find>
    T *itemFor(const QStringList &args, bool write, Find find, SandboxResponse *error);
    //! 200 at once or 202 and an operation, as the sandbox's LRO mode draws; \a fails: it ends Failed.
    SandboxResponse longRunning(const SandboxRequest &request, const QString &kind, bool fails, qint64 *endsMs);

    FabricApi *m_api;
    FabricState *m_state;
    QList<Route> m_routes;
};

} // namespace fmc::sandbox
