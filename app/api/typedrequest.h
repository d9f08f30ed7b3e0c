#pragma once

#include "app/api/apirequest.h"
#include "app/api/apiresult.h"

namespace fmc {

//! \brief A call whose success body decodes as one models/ value \a T (via `T::fromJson`).
//! Endpoint classes derive from it with their result type; a body that does not decode is a
//! Decode error, never a half-filled value.
template <typename T>
class TypedRequest : public ApiRequest
{
public:
    using Value = T;

    const T &value() const { return m_value; }
    ApiResult<T> result() const { return {m_value, error()}; }

protected:
    using ApiRequest::ApiRequest;

    ApiError parseResult(const Json &body) override
    {
        QString why;
        std::optional<T> decoded = T::fromJson(body, &why);
        if (!decoded)
            return ApiError(ApiError::Kind::Decode, why);
        m_value = std::move(*decoded);
        return {};
    }

private:
    T m_value{};
};

//! The result of operations documented without a body (start, stop, delete, updateDefinition).
struct NoContent {
    static std::optional<NoContent> fromJson(const Json &, QString * = nullptr) { return NoContent{}; }
};

//! An undecoded JSON body (an operation's /result, whose shape depends on the operation).
struct RawJson {
    Json json;
    static std::optional<RawJson> fromJson(const Json &json, QString * = nullptr) { return RawJson{json}; }
};

} // namespace fmc
