#include "app/api/requests/getoperationresultrequest.h"

namespace fmc {

GetOperationResultRequest::GetOperationResultRequest(const QString &operationId)
    : JsonRequest("GET", QStringLiteral("/operations/%1/result").arg(segment(operationId)), {}, Safety::Idempotent, Body::None)
{
}

} // namespace fmc
