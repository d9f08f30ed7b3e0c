#include "workspace.h"

#include "models/jsonfields.h"

namespace fmc {

QString workspaceRoleName(WorkspaceRole role)
{
    switch (role) {
    case WorkspaceRole::Viewer:
        return QStringLiteral("Viewer");
    case WorkspaceRole::Contributor:
        return QStringLiteral("Contributor");
    case WorkspaceRole::Member:
        return QStringLiteral("Member");
    case WorkspaceRole::Admin:
        return QStringLiteral("Admin");
    case WorkspaceRole::Unknown:
        break;
    }
    return {};
}

// The fields of Identity, read and written by this one list (in this order).
constexpr auto kWorkspaceIdentityFields = [](auto &fields, auto &value) {
    fields.field("applicationId", value.applicationId);
    fields.field("servicePrincipalId", value.servicePrincipalId);
};

std::optional<Workspace::Identity> Workspace::Identity::fromJson(const Json &json, QString *error)
{
    return readFields<Workspace::Identity>(json, error, kWorkspaceIdentityFields);
}

Json Workspace::Identity::toJson() const
{
    return writeFields(*this, kWorkspaceIdentityFields);
}

// The fields of OneLakeEndpoints, read and written by this one list (in this order).
constexpr auto kWorkspaceOneLakeEndpointsFields = [](auto &fields, auto &value) {
    fields.field("blobEndpoint", value.blobEndpoint);
    fields.field("dfsEndpoint", value.dfsEndpoint);
};

std::optional<Workspace::OneLakeEndpoints> Workspace::OneLakeEndpoints::fromJson(const Json &json, QString *error)
{
    return readFields<Workspace::OneLakeEndpoints>(json, error, kWorkspaceOneLakeEndpointsFields);
}

Json Workspace::OneLakeEndpoints::toJson() const
{
    return writeFields(*this, kWorkspaceOneLakeEndpointsFields);
}

// The fields of Workspace, read and written by this one list (in this order).
constexpr auto kWorkspaceFields = [](auto &fields, auto &value) {
    // The spec also requires displayName and description; a workspace without them can still be
    // listed (by id), so only the id is insisted on.
    fields.field("id", value.id, Need::Required);
    fields.field("displayName", value.displayName);
    fields.field("description", value.description);
    fields.field("type", value.type);
    fields.field("capacityId", value.capacityId);
    fields.field("apiEndpoint", value.apiEndpoint);
    fields.field("domainId", value.domainId);
    fields.field("tags", value.tags);
    fields.field("capacityRegion", value.capacityRegion);
    fields.field("capacityAssignmentProgress", value.capacityAssignmentProgress);
    fields.field("workspaceIdentity", value.workspaceIdentity);
    fields.field("oneLakeEndpoints", value.oneLakeEndpoints);
};

std::optional<Workspace> Workspace::fromJson(const Json &json, QString *error)
{
    return readFields<Workspace>(json, error, kWorkspaceFields);
}

Json Workspace::toJson() const
{
    return writeFields(*this, kWorkspaceFields);
}

} // namespace fmc
