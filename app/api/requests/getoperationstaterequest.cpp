#include "app/api/requests/getoperationstaterequest.h"

namespace fmc {

GetOperationStateRequest::GetOperationStateRequest(const QString &operationId)
    : JsonRequest("GET", QStringLiteral("/operations/%1").arg(segment(operationId)), {}, Safety::Idempotent, Body::Object)
{
}

} // namespace fmc
