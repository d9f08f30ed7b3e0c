#pragma once

#include "sandbox/fabricstate.h"
#include "sandbox/mirroritemsapi.h"
#include "sandbox/sandboxhttp.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace fmc::sandbox {

//! \brief The Fabric REST endpoints under /v1: routing, validation and the response bodies.
//! Knows nothing about sockets or faults; the Sandbox feeds it requests and sends its answers.
class FabricApi
{
public:
    //! Per-request switches that faults set.
    struct Context {
        bool failOperations = false; //!< long-running operations this request starts end Failed
        //! A SQL endpoint refresh reports these tables as Failure (the failTables fault).
        QStringList failTables;
        QString failTablesErrorCode, failTablesMessage; //!< empty: the spec example's error
    };

    explicit FabricApi(FabricState *state);

    //! The spec operationId of \a method on \a path ("Items_GetMirroredDatabase"), empty if none.
    QString operationId(const QByteArray &method, const QString &path) const;
    //! Answers one /v1 request.
    SandboxResponse handle(const SandboxRequest &request, const Context &context);

private:
    friend class MirrorItemsApi; // shares the workspace checks, paging and 202 answers
    using Handler = SandboxResponse (FabricApi::*)(const SandboxRequest &, const QStringList &,
                                                   const Context &);
    struct Route {
        QByteArray method;
        QStringList segments; //!< "{}" matches one path segment
        QString operationId;
        Handler handler;
    };
    const Route *match(const QByteArray &method, const QString &path, QStringList *args,
                       QStringList *allowed) const;

    SandboxResponse listWorkspaces(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse getWorkspace(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse listConnections(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse listCapacities(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse testConnection(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse listMirrors(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse createMirror(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse getMirror(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse updateMirror(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse deleteMirror(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse getDefinition(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse updateDefinition(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse startMirroring(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse stopMirroring(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse mirroringStatus(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse tablesStatus(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse operationState(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse operationResult(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse listItems(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse getItem(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse getItemDefinition(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse listItemConnections(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse refreshSqlEndpointMetadata(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse catalogSearch(const SandboxRequest &, const QStringList &, const Context &);
    // The generic item endpoints for mirrored databases (genericitemroutes.cpp).
    SandboxResponse createItem(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse deleteItem(const SandboxRequest &, const QStringList &, const Context &);
    SandboxResponse updateItemDefinition(const SandboxRequest &, const QStringList &, const Context &);
    //! Runs \a typed on the mirrored database args[1] of workspace args[0] (write access); an item
    //! of another type is refused with \a refusalCode and \a refusal (its "%1" the type).
    SandboxResponse onMirrorItem(const SandboxRequest &request, const QStringList &args, const Context &context,
                                 Handler typed, const QString &refusalCode, const QString &refusal);

    using Action = std::optional<ApiRefusal> (FabricState::*)(FabricState::Mirror *);
    //! Runs a body-less state change (start, stop) on the mirror named by \a args.
    SandboxResponse mirrorAction(const QStringList &args, Action action);
    //! The workspace \a id if the caller may see it (and write to it, with \a write).
    const FabricState::Workspace *workspaceFor(const QString &id, bool write, SandboxResponse *error) const;
    //! The mirror args[1] of workspace args[0], or an error response.
    FabricState::Mirror *mirrorFor(const QStringList &args, bool write, SandboxResponse *error);
    //! One page of \a total items named \a itemName, following the request's continuationToken.
    SandboxResponse page(const SandboxRequest &request, qsizetype total, const char *itemName,
                         const std::function<Json(qsizetype)> &item) const;
    //! Parses a JSON object body; an error response when absent (and \a required), not JSON or
    //! not declared as JSON.
    std::optional<Json> jsonBody(const SandboxRequest &request, SandboxResponse *error) const;
    //! The offset a continuation token encodes, or nullopt when it is not one of ours (or past \a total).
    static std::optional<qsizetype> decodeToken(const QString &token, qsizetype total);
    SandboxResponse accepted(const SandboxRequest &request, const FabricState::Operation &operation) const;
    static QUrl publicUrl(const SandboxRequest &request, const QString &path, const QUrlQuery &query = {});
    //! The decoded mirroring.json / .platform of a definition object, or a CorruptedPayload error.
    static std::optional<ApiRefusal> decodeDefinition(const Json &definition, QByteArray *mirroringJson,
                                                      QByteArray *platformJson);

    FabricState *m_state;
    QList<Route> m_routes;
    MirrorItemsApi m_mirrorItems{this, m_state};
};

} // namespace fmc::sandbox
