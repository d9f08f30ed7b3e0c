#pragma once

#include "models/enumtext.h"
#include "models/json.h"

#include <array>
#include <optional>

namespace fmc {

enum class CapacityState { Unknown, Active, Inactive };
constexpr auto enumNames(CapacityState)
{
    return std::array<std::string_view, 2> {"Active", "Inactive"};
}

//! \brief A capacity from `GET /v1/capacities` (platform `Capacity`).
struct Capacity
{
    QString id;
    QString displayName;
    QString sku;    //!< e.g. "F64"; kept as text.
    QString region; //!< Azure region, e.g. "West Central US".
    EnumText<CapacityState> state;
    Json extra;

    static std::optional<Capacity> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const Capacity &) const = default;
};

} // namespace fmc
