#pragma once

#include "app/api/pagedrequest.h"
#include "models/workspace.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /workspaces`, paged; \a roles (Admin, Member, Contributor, Viewer) filters when not empty.
class ListWorkspacesRequest : public PagedRequest<Workspace>
{
public:
    explicit ListWorkspacesRequest(const QStringList &roles = {});
};

} // namespace fmc
