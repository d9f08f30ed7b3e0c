#include "errorresponse.h"

#include "models/jsonfields.h"

namespace fmc {

// The fields of RelatedResource, read and written by this one list (in this order).
constexpr auto kErrorResponseRelatedResourceFields = [](auto &fields, auto &value) {
    fields.field("resourceId", value.resourceId);
    fields.field("resourceType", value.resourceType);
};

std::optional<ErrorResponse::RelatedResource> ErrorResponse::RelatedResource::fromJson(const Json &json, QString *error)
{
    return readFields<ErrorResponse::RelatedResource>(json, error, kErrorResponseRelatedResourceFields);
}

Json ErrorResponse::RelatedResource::toJson() const
{
    return writeFields(*this, kErrorResponseRelatedResourceFields);
}

// The fields of ErrorResponse, read and written by this one list (in this order).
constexpr auto kErrorResponseFields = [](auto &fields, auto &value) {
    // Only errorCode is insisted on: a message-less error is still worth showing by its code.
    fields.field("errorCode", value.errorCode, Need::Required);
    fields.field("message", value.message);
    fields.field("requestId", value.requestId);
    fields.field("relatedResource", value.relatedResource);
    fields.field("moreDetails", value.moreDetails);
    fields.field("isRetriable", value.isRetriable);
};

std::optional<ErrorResponse> ErrorResponse::fromJson(const Json &json, QString *error)
{
    return readFields<ErrorResponse>(json, error, kErrorResponseFields);
}

Json ErrorResponse::toJson() const
{
    return writeFields(*this, kErrorResponseFields);
}

} // namespace fmc
