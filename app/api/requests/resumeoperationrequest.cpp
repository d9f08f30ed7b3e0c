#include "app/api/requests/resumeoperationrequest.h"

namespace fmc {

ResumeOperationRequest::ResumeOperationRequest(const QString &operationId, bool hasResult)
    : TypedRequest("GET", QStringLiteral("/operations/%1").arg(segment(operationId)), {}, Safety::Idempotent)
{
    setLongRunning(hasResult ? Lro::WithResult : Lro::NoResult);
    setResumeOperation(operationId);
}

} // namespace fmc
