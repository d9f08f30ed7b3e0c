#include "operationstate.h"

#include "models/jsonfields.h"

namespace fmc {

bool OperationState::isFinished() const
{
    return status == OperationStatus::Succeeded || status == OperationStatus::Failed;
}

// The fields of OperationState, read and written by this one list (in this order).
constexpr auto kOperationStateFields = [](auto &fields, auto &value) {
    fields.field("status", value.status, Need::Required);
    fields.field("createdTimeUtc", value.createdTimeUtc);
    fields.field("lastUpdatedTimeUtc", value.lastUpdatedTimeUtc);
    fields.field("percentComplete", value.percentComplete);
    fields.field("error", value.error);
};

std::optional<OperationState> OperationState::fromJson(const Json &json, QString *error)
{
    return readFields<OperationState>(json, error, kOperationStateFields);
}

Json OperationState::toJson() const
{
    return writeFields(*this, kOperationStateFields);
}

} // namespace fmc
