// FabricApi's generic item endpoints for mirrored databases: POST /workspaces/{ws}/items,
// DELETE /workspaces/{ws}/items/{id}, POST /workspaces/{ws}/items/{id}/updateDefinition.
// Other Fabric clients (fabric-cicd, the fab CLI, Terraform) manage mirrored databases through
// these. They run the typed handlers, so the state and the rules (names, definition checks,
// status gating, hardDelete and its role) are the same by construction; only what differs in
// the contract is here: the request's `type`, the generic create being long-running, and the
// answer for items the sandbox does not manage.
#include "sandbox/fabricapi.h"

namespace fmc::sandbox {

namespace {

const char *const kMirroredDatabase = "MirroredDatabase";

//! The other item of the workspace called \a id, if any.
std::optional<FabricState::Item> otherItem(const FabricState &state, const QString &workspaceId, const QString &id)
{
    for (const FabricState::Item &item : state.otherItems(workspaceId))
        if (item.id.compare(id, Qt::CaseInsensitive) == 0)
            return item;
    return std::nullopt;
}

} // namespace

SandboxResponse FabricApi::createItem(const SandboxRequest &request, const QStringList &args, const Context &context)
{
    SandboxResponse error;
    if (!workspaceFor(args[0], true, &error))
        return error;
    auto body = jsonBody(request, &error);
    if (!body)
        return error;
    const auto type = body->find("type");
    if (type == body->end() || !type->is_string())
        return errorResponse(400, QStringLiteral("InvalidRequest"), QStringLiteral("type is required."));
    if (type->get<std::string>() != kMirroredDatabase)
        // The spec names this code for a type the endpoint cannot create; the sandbox emulates
        // mirrored databases only.
        return errorResponse(400, QStringLiteral("InvalidItemType"),
                             QStringLiteral("The sandbox creates items of type MirroredDatabase only, not %1.")
                                 .arg(toQString(type->get<std::string>())));
    // A failing operation creates nothing: the client learns of the failure only by polling.
    if (context.failOperations)
        return accepted(request, *m_state->startOperation(QStringLiteral("createItem"), std::nullopt, true));
    // The typed create has no `type` (CreateMirroredDatabaseRequest); everything else is shared.
    body->erase("type");
    SandboxRequest typed = request;
    typed.body = dumpJson(*body);
    SandboxResponse created = createMirror(typed, args, context);
    if (created.status != 201)
        return created;
    // The generic answer is an Item, without the mirrored database's properties.
    const auto item = parseJson(created.body);
    Json answer = item ? *item : Json::object();
    answer.erase("properties");
    // Long-running per the spec (201 or 202); the operation's result is the item.
    if (m_state->nextCallIsLongRunning())
        return accepted(request, *m_state->startOperation(QStringLiteral("createItem"), answer, false));
    return jsonResponse(201, answer);
}

SandboxResponse FabricApi::onMirrorItem(const SandboxRequest &request, const QStringList &args, const Context &context,
                                        Handler typed, const QString &refusalCode, const QString &refusal)
{
    SandboxResponse error;
    if (!workspaceFor(args[0], true, &error))
        return error;
    if (m_state->mirror(args[0], args[1]))
        return (this->*typed)(request, args, context);
    if (const auto item = otherItem(*m_state, args[0], args[1]))
        return errorResponse(400, refusalCode, refusal.arg(item->type));
    return errorResponse(404, QStringLiteral("ItemNotFound"), QStringLiteral("The requested item %1 was not found.").arg(args[1]));
}

SandboxResponse FabricApi::deleteItem(const SandboxRequest &request, const QStringList &args, const Context &context)
{
    return onMirrorItem(request, args, context, &FabricApi::deleteMirror, QStringLiteral("UnsupportedItemType"),
                        QStringLiteral("The sandbox does not delete items of type %1."));
}

SandboxResponse FabricApi::updateItemDefinition(const SandboxRequest &request, const QStringList &args,
                                                const Context &context)
{
    return onMirrorItem(request, args, context, &FabricApi::updateDefinition, QStringLiteral("OperationNotSupportedForItem"),
                        QStringLiteral("Items of type %1 have no definition."));
}

} // namespace fmc::sandbox
