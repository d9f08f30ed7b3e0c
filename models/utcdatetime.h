#pragma once

#include <QDateTime>
#include <QString>

#include <string_view>

namespace fmc {

//! \brief Parses an ISO 8601 date-time as the Fabric API writes it, into a UTC QDateTime.
//!
//! Accepts any number of fractional digits (the service sends 7, e.g.
//! `2024-10-08T05:07:11.0663362Z`; Qt's own ISO parser takes at most 3), `Z` or a `±HH:MM`
//! offset, and no zone (taken as UTC, as the API documents all times in UTC). Sub-millisecond
//! digits are truncated. Returns an invalid QDateTime when \a text is not such a date-time.
QDateTime parseUtcDateTime(std::string_view text);
QDateTime parseUtcDateTime(const QString &text);

//! \brief Writes \a value in UTC as `yyyy-MM-ddTHH:mm:ss[.zzz]Z`; a null QString when invalid.
QString formatUtcDateTime(const QDateTime &value);

} // namespace fmc
