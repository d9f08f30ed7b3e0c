#pragma once

#include <QString>

namespace fmc {

//! \brief The start of \a text, at most \a maxLength characters followed by "…" when cut.
//! Used wherever a message quotes what the user typed or a file held, so that a megabyte of
//! garbage does not become a megabyte of message. Never cuts a surrogate pair in half.
QString textExcerpt(const QString &text, qsizetype maxLength = 80);

} // namespace fmc
