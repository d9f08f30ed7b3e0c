#pragma once

#include "models/enumtext.h"
#include "models/json.h"

#include <array>
#include <optional>

namespace fmc {

//! `provisioningStatus` of a mirrored database's SQL analytics endpoint.
enum class ProvisioningStatus { Unknown, InProgress, Success, Failed };
constexpr auto enumNames(ProvisioningStatus)
{
    return std::array<std::string_view, 3> {"InProgress", "Success", "Failed"};
}

//! \brief `properties.sqlEndpointProperties` of a mirrored database (lakehouse definitions).
struct SqlEndpointProperties
{
    QString id;
    QString connectionString;
    EnumText<ProvisioningStatus> provisioningStatus;
    Json extra;

    static std::optional<SqlEndpointProperties> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const SqlEndpointProperties &) const = default;
};

} // namespace fmc
