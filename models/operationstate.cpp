#include "operationstate.h"

#include "models/jsonfields.h"

namespace fmc {

bool OperationState::isFinished() const
{
    return status == OperationStatus::Succeeded || status == OperationStatus::Failed;
}

std::optional<OperationState> OperationState::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    OperationState state;
    state.status = fields.enumText<OperationStatus>("status", Need::Required);
    state.createdTimeUtc = fields.dateTime("createdTimeUtc");
    state.lastUpdatedTimeUtc = fields.dateTime("lastUpdatedTimeUtc");
    state.percentComplete = fields.int32("percentComplete");
    state.error = fields.object<ErrorResponse>("error");
    if (!fields.ok())
        return std::nullopt;
    state.extra = fields.extra();
    return state;
}

Json OperationState::toJson() const
{
    Json json = Json::object();
    putEnum(json, "status", status);
    putDateTime(json, "createdTimeUtc", createdTimeUtc);
    putDateTime(json, "lastUpdatedTimeUtc", lastUpdatedTimeUtc);
    putInt(json, "percentComplete", percentComplete);
    putObject(json, "error", error);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
