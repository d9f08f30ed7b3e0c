#pragma once

#include "models/enumtext.h"
#include "models/json.h"
#include "models/objectref.h"

#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace fmc {

enum class WorkspaceType { Unknown, Personal, Workspace, AdminWorkspace };
constexpr auto enumNames(WorkspaceType)
{
    return std::array<std::string_view, 3> {"Personal", "Workspace", "AdminWorkspace"};
}

enum class CapacityAssignmentProgress { Unknown, Completed, Failed, InProgress };
constexpr auto enumNames(CapacityAssignmentProgress)
{
    return std::array<std::string_view, 3> {"Completed", "Failed", "InProgress"};
}

//! \brief The caller's role in a workspace, lowest first. `Workspace` has no such field: the
//! browser learns it from `GET /workspaces?roles=` (WorkspaceBrowser). Unknown (not learnt, or the
//! listing failed) blocks nothing: the service decides.
enum class WorkspaceRole { Unknown, Viewer, Contributor, Member, Admin };

//! "Viewer", "Contributor", "Member", "Admin" (Fabric's words), or empty for Unknown.
QString workspaceRoleName(WorkspaceRole role);

//! \brief A workspace (`Workspace` from the list, and the `WorkspaceInfo` extras that
//! `GET /workspaces/{ws}` adds; docs/fabric-api-notes.md#workspaces-and-connections). The extras
//! are absent in list entries.
struct Workspace
{
    //! `workspaceIdentity` (WorkspaceInfo only).
    struct Identity
    {
        QString applicationId;
        QString servicePrincipalId;
        Json extra;

        static std::optional<Identity> fromJson(const Json &json, QString *error = nullptr);
        Json toJson() const;
        bool operator==(const Identity &) const = default;
    };

    //! `oneLakeEndpoints` (WorkspaceInfo only).
    struct OneLakeEndpoints
    {
        QString blobEndpoint;
        QString dfsEndpoint;
        Json extra;

        static std::optional<OneLakeEndpoints> fromJson(const Json &json, QString *error = nullptr);
        Json toJson() const;
        bool operator==(const OneLakeEndpoints &) const = default;
    };

    QString id;
    QString displayName;
    QString description; //!< May be empty ("") yet present.
    EnumText<WorkspaceType> type;
    QString capacityId;
    QString apiEndpoint; //!< Only with `preferWorkspaceSpecificEndpoints`.
    QString domainId;
    QList<ObjectRef> tags;
    QString capacityRegion; //!< A region display name, e.g. "East US" (kept as text).
    EnumText<CapacityAssignmentProgress> capacityAssignmentProgress;
    std::optional<Identity> workspaceIdentity;
    std::optional<OneLakeEndpoints> oneLakeEndpoints;
    Json extra;

    static std::optional<Workspace> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const Workspace &) const = default;
};

} // namespace fmc
