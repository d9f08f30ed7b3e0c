#include "mirroringstatusresponse.h"

#include "models/jsonfields.h"

namespace fmc {

std::optional<MirroringStatusResponse> MirroringStatusResponse::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    MirroringStatusResponse response;
    response.status = fields.enumText<MirroringStatus>("status", Need::Required);
    response.error = fields.object<ErrorResponse>("error");
    if (!fields.ok())
        return std::nullopt;
    response.extra = fields.extra();
    return response;
}

Json MirroringStatusResponse::toJson() const
{
    Json json = Json::object();
    putEnum(json, "status", status);
    putObject(json, "error", error);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
