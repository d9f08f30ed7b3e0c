#pragma once

#include "app/api/typedrequest.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /operations/{id}/result` → the operation's result body, once.
class GetOperationResultRequest : public TypedRequest<RawJson>
{
public:
    explicit GetOperationResultRequest(const QString &operationId);
};

} // namespace fmc
