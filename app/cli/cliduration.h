#pragma once

#include <QString>

#include <chrono>
#include <optional>

namespace fmc::cli {

//! \brief Durations on the command line: "90s", "15m", "2h", "1h30m", "1d", or plain seconds
//! ("45"). Nullopt for anything else, for negative or for absurd (> 30 days) values.
std::optional<std::chrono::seconds> parseDuration(const QString &text);
//! "1h30m", "15m", "45s": the shortest spelling parseDuration() reads back.
QString durationText(std::chrono::seconds duration);

} // namespace fmc::cli
