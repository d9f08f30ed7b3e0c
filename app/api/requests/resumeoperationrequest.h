#pragma once

#include "app/api/typedrequest.h"

namespace fmc {

//! \brief Polls an existing long-running operation until it ends (e.g. after a restart, with the
//! id a cancelled call kept), then fetches its /result once when \a hasResult.
class ResumeOperationRequest : public TypedRequest<RawJson>
{
public:
    ResumeOperationRequest(const QString &operationId, bool hasResult);
};

} // namespace fmc
