#include "errorresponse.h"

#include "models/jsonfields.h"

namespace fmc {

std::optional<ErrorResponse::RelatedResource> ErrorResponse::RelatedResource::fromJson(const Json &json,
                                                                                       QString *error)
{
    FieldReader fields(json, error);
    RelatedResource resource;
    resource.resourceId = fields.string("resourceId");
    resource.resourceType = fields.string("resourceType");
    if (!fields.ok())
        return std::nullopt;
    resource.extra = fields.extra();
    return resource;
}

Json ErrorResponse::RelatedResource::toJson() const
{
    Json json = Json::object();
    putString(json, "resourceId", resourceId);
    putString(json, "resourceType", resourceType);
    putExtra(json, extra);
    return json;
}

std::optional<ErrorResponse> ErrorResponse::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    ErrorResponse response;
    // Only errorCode is insisted on: a message-less error is still worth showing by its code.
    response.errorCode = fields.string("errorCode", Need::Required);
    response.message = fields.string("message");
    response.requestId = fields.string("requestId");
    response.relatedResource = fields.object<RelatedResource>("relatedResource");
    response.moreDetails = fields.array<ErrorResponse>("moreDetails");
    response.isRetriable = fields.boolean("isRetriable");
    if (!fields.ok())
        return std::nullopt;
    response.extra = fields.extra();
    return response;
}

Json ErrorResponse::toJson() const
{
    Json json = Json::object();
    putString(json, "errorCode", errorCode);
    putString(json, "message", message);
    putString(json, "requestId", requestId);
    putObject(json, "relatedResource", relatedResource);
    putArray(json, "moreDetails", moreDetails);
    putBool(json, "isRetriable", isRetriable);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
