#pragma once

#include "app/api/apirequest.h"
#include "app/api/apiresult.h"

namespace fmc {

//! \brief A call whose result is one JSON object (or nothing, for 200-without-body operations).
//! Endpoint classes that return an item derive from it and add typed accessors.
class JsonRequest : public ApiRequest
{
    Q_OBJECT
public:
    enum class Body { Object, None };
    using Value = Json;

    //! The decoded body (null for operations without one, or on error).
    const Json &json() const { return m_json; }
    ApiResult<Json> result() const { return {m_json, error()}; }

protected:
    JsonRequest(QByteArray verb, QString path, QUrlQuery query, Safety safety, Body expected);
    ApiError parseResult(const Json &body) override;

private:
    Body m_expected;
    Json m_json;
};

} // namespace fmc
