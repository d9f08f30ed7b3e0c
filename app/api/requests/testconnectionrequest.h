#pragma once

#include "app/api/typedrequest.h"
#include "models/connectionstatus.h"

namespace fmc {

//! `POST /connections/{id}/testConnection` (read-only, long-running) → ConnectionStatusResponse,
//! from the 200 body or the operation's /result.
class TestConnectionRequest : public TypedRequest<ConnectionStatus>
{
public:
    explicit TestConnectionRequest(const QString &connectionId);
};

} // namespace fmc
