#include "mirroringstatusresponse.h"

#include "models/jsonfields.h"

namespace fmc {

// The fields of MirroringStatusResponse, read and written by this one list (in this order).
constexpr auto kMirroringStatusResponseFields = [](auto &fields, auto &value) {
    fields.field("status", value.status, Need::Required);
    fields.field("error", value.error);
};

std::optional<MirroringStatusResponse> MirroringStatusResponse::fromJson(const Json &json, QString *error)
{
    return readFields<MirroringStatusResponse>(json, error, kMirroringStatusResponseFields);
}

Json MirroringStatusResponse::toJson() const
{
    return writeFields(*this, kMirroringStatusResponseFields);
}

} // namespace fmc
