#pragma once

#include "app/api/pagedrequest.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /workspaces`, paged; \a roles (Admin, Member, Contributor, Viewer) filters when not empty.
class ListWorkspacesRequest : public PagedRequest
{
    Q_OBJECT
public:
    explicit ListWorkspacesRequest(const QStringList &roles = {});
};

} // namespace fmc
