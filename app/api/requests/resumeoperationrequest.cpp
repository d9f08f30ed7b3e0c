#include "app/api/requests/resumeoperationrequest.h"

namespace fmc {

ResumeOperationRequest::ResumeOperationRequest(const QString &operationId, bool hasResult)
    : JsonRequest("GET", QStringLiteral("/operations/%1").arg(segment(operationId)), {}, Safety::Idempotent, Body::None)
{
    setLongRunning(hasResult ? Lro::WithResult : Lro::NoResult);
    setResumeOperation(operationId);
}

} // namespace fmc
