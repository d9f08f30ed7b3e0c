#pragma once

#include "models/apierror.h"

namespace fmc {

//! \brief What a callback receives: the decoded value, or the reason there is none.
template <typename T>
struct ApiResult {
    T value{};
    ApiError error;
    bool ok() const { return !error.isError(); }
};

} // namespace fmc
