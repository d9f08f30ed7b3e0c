#pragma once

#include "models/json.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace fmc::test {

//! \brief Parses \a bytes (bounded by parseJson()) and decodes them as \a T with `T::fromJson`.
//! Returns std::nullopt with one sentence in \a error when either step fails.
template <typename T>
std::optional<T> decodeJson(const QByteArray &bytes, QString *error = nullptr)
{
    const std::optional<Json> json = parseJson(bytes, error);
    if (!json)
        return std::nullopt;
    return T::fromJson(*json, error);
}

} // namespace fmc::test
