#include "app/api/jsonrequest.h"

namespace fmc {

JsonRequest::JsonRequest(QByteArray verb, QString path, QUrlQuery query, Safety safety, Body expected)
    : ApiRequest(std::move(verb), std::move(path), std::move(query), safety)
    , m_expected(expected)
{
}

ApiError JsonRequest::parseResult(const Json &body)
{
    // Operations documented without a body accept whatever comes (servers add bodies over time).
    if (m_expected == Body::Object && !body.is_object())
        return ApiError(ApiError::Kind::Decode, tr("Expected a JSON object in the response."));
    m_json = body;
    return {};
}

} // namespace fmc
