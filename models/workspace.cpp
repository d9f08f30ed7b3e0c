#include "workspace.h"

#include "models/jsonfields.h"

namespace fmc {

std::optional<Workspace::Identity> Workspace::Identity::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    Identity identity;
    identity.applicationId = fields.string("applicationId");
    identity.servicePrincipalId = fields.string("servicePrincipalId");
    if (!fields.ok())
        return std::nullopt;
    identity.extra = fields.extra();
    return identity;
}

Json Workspace::Identity::toJson() const
{
    Json json = Json::object();
    putString(json, "applicationId", applicationId);
    putString(json, "servicePrincipalId", servicePrincipalId);
    putExtra(json, extra);
    return json;
}

std::optional<Workspace::OneLakeEndpoints> Workspace::OneLakeEndpoints::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    OneLakeEndpoints endpoints;
    endpoints.blobEndpoint = fields.string("blobEndpoint");
    endpoints.dfsEndpoint = fields.string("dfsEndpoint");
    if (!fields.ok())
        return std::nullopt;
    endpoints.extra = fields.extra();
    return endpoints;
}

Json Workspace::OneLakeEndpoints::toJson() const
{
    Json json = Json::object();
    putString(json, "blobEndpoint", blobEndpoint);
    putString(json, "dfsEndpoint", dfsEndpoint);
    putExtra(json, extra);
    return json;
}

std::optional<Workspace> Workspace::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    Workspace workspace;
    // The spec also requires displayName and description; a workspace without them can still be
    // listed (by id), so only the id is insisted on.
    workspace.id = fields.string("id", Need::Required);
    workspace.displayName = fields.string("displayName");
    workspace.description = fields.string("description");
    workspace.type = fields.enumText<WorkspaceType>("type");
    workspace.capacityId = fields.string("capacityId");
    workspace.apiEndpoint = fields.string("apiEndpoint");
    workspace.domainId = fields.string("domainId");
    workspace.tags = fields.array<ObjectRef>("tags");
    workspace.capacityRegion = fields.string("capacityRegion");
    workspace.capacityAssignmentProgress = fields.enumText<CapacityAssignmentProgress>("capacityAssignmentProgress");
    workspace.workspaceIdentity = fields.object<Identity>("workspaceIdentity");
    workspace.oneLakeEndpoints = fields.object<OneLakeEndpoints>("oneLakeEndpoints");
    if (!fields.ok())
        return std::nullopt;
    workspace.extra = fields.extra();
    return workspace;
}

Json Workspace::toJson() const
{
    Json json = Json::object();
    putString(json, "id", id);
    putString(json, "displayName", displayName);
    putString(json, "description", description);
    putEnum(json, "type", type);
    putString(json, "capacityId", capacityId);
    putString(json, "apiEndpoint", apiEndpoint);
    putString(json, "domainId", domainId);
    putArray(json, "tags", tags);
    putString(json, "capacityRegion", capacityRegion);
    putEnum(json, "capacityAssignmentProgress", capacityAssignmentProgress);
    putObject(json, "workspaceIdentity", workspaceIdentity);
    putObject(json, "oneLakeEndpoints", oneLakeEndpoints);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
