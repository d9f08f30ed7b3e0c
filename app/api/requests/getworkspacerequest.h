#pragma once

#include "app/api/jsonrequest.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /workspaces/{ws}` → WorkspaceInfo.
class GetWorkspaceRequest : public JsonRequest
{
    Q_OBJECT
public:
    explicit GetWorkspaceRequest(const QString &workspaceId);
};

} // namespace fmc
