#pragma once

#include "app/api/jsonrequest.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /operations/{id}` → OperationState, once (no polling; see ResumeOperationRequest).
class GetOperationStateRequest : public JsonRequest
{
    Q_OBJECT
public:
    explicit GetOperationStateRequest(const QString &operationId);
};

} // namespace fmc
