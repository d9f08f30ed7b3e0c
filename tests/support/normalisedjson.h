#pragma once

#include "models/json.h"
#include "models/utcdatetime.h"

#include <functional>

namespace fmc::test {

//! \brief \a value for an unordered comparison with what our codecs write: every date-time text
//! rewritten the way formatUtcDateTime() writes it (we keep millisecond precision), and, with
//! \a dropNulls, null members left out (spec examples write null for "none"; we omit the field).
inline nlohmann::json normalisedJson(const Json &value, bool dropNulls = false)
{
    nlohmann::json result = nlohmann::json::parse(value.dump());
    std::function<void(nlohmann::json &)> visit = [&visit, dropNulls](nlohmann::json &node) {
        if (node.is_string()) {
            const QDateTime when = parseUtcDateTime(std::string_view(node.get_ref<const std::string &>()));
            if (when.isValid())
                node = toStdString(formatUtcDateTime(when));
            return;
        }
        if (dropNulls && node.is_object())
            for (auto it = node.begin(); it != node.end();)
                it = it->is_null() ? node.erase(it) : std::next(it);
        if (node.is_structured())
            for (auto &child : node)
                visit(child);
    };
    visit(result);
    return result;
}

} // namespace fmc::test
