#pragma once

#include "app/api/typedrequest.h"
#include "models/operationstate.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /operations/{id}` → OperationState, once (no polling; see ResumeOperationRequest).
class GetOperationStateRequest : public TypedRequest<OperationState>
{
public:
    explicit GetOperationStateRequest(const QString &operationId);
};

} // namespace fmc
