#pragma once

#include "app/api/jsonrequest.h"

#include <QStringList>

#include <optional>

namespace fmc {

//! `GET /operations/{id}/result` → the operation's result body, once.
class GetOperationResultRequest : public JsonRequest
{
    Q_OBJECT
public:
    explicit GetOperationResultRequest(const QString &operationId);
};

} // namespace fmc
