#pragma once

#include "app/api/typedrequest.h"
#include "models/workspace.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /workspaces/{ws}` → WorkspaceInfo.
class GetWorkspaceRequest : public TypedRequest<Workspace>
{
public:
    explicit GetWorkspaceRequest(const QString &workspaceId);
};

} // namespace fmc
