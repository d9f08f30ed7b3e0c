#pragma once

#include <QString>

namespace fmc {

//! \brief One CSV field (RFC 4180) of text that may come from the service, so hostile.
//!
//! A field that starts like a spreadsheet formula (= + - @, a tab or a CR) is prefixed with an
//! apostrophe so a spreadsheet shows it rather than runs it; a number's own minus sign is kept.
//! A field with a comma, quote, CR or LF is quoted and its quotes doubled.
QString csvField(const QString &value);

} // namespace fmc
