#include "app/api/requests/getoperationresultrequest.h"

namespace fmc {

GetOperationResultRequest::GetOperationResultRequest(const QString &operationId)
    : TypedRequest("GET", QStringLiteral("/operations/%1/result").arg(segment(operationId)), {}, Safety::Idempotent)
{
}

} // namespace fmc
