#include "app/api/requests/getoperationstaterequest.h"

namespace fmc {

GetOperationStateRequest::GetOperationStateRequest(const QString &operationId)
    : TypedRequest("GET", QStringLiteral("/operations/%1").arg(segment(operationId)), {}, Safety::Idempotent)
{
}

} // namespace fmc
