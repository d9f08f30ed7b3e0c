#pragma once

#include <QString>

namespace fmc {

//! How many characters of a name, status or message from the service a list, label or title
//! shows. The full text stays in the tooltip (plainToolTip) and the details' JSON.
inline constexpr qsizetype kDisplayTextLimit = 200;
//! How many characters a tooltip shows: enough for any real error message, not a megabyte.
inline constexpr qsizetype kToolTipTextLimit = 4000;

//! \brief Text from the service or a token, made fit for one line of a list, label or title.
//!
//! Whoever can name a table in a source database controls these strings, so: line breaks and
//! tabs become spaces, other control characters U+FFFD, bidirectional embeddings, overrides and
//! isolates (U+202A–U+202E, U+2066–U+2069) are dropped so a name cannot reverse itself or its
//! neighbours, and the result is cut to \a maxLength with "…". Only a prefix is scanned, so a
//! 100 KB name costs no more than a short one. The result is still plain text: show it in a
//! widget set to Qt::PlainText (or escape it), never as rich text.
QString displayText(const QString &text, qsizetype maxLength = kDisplayTextLimit);

//! \brief A tooltip that shows \a text literally (Qt guesses rich text for tooltips).
//! Line breaks are kept; the rest is cleaned as displayText() does, cut to \a maxLength, escaped
//! and wrapped so that `<b>`, `<a href>` or `<img src>` in a name is shown as those characters.
QString plainToolTip(const QString &text, qsizetype maxLength = kToolTipTextLimit);

//! \brief \a text for a button or action label, where '&' would otherwise mark a mnemonic.
QString withoutMnemonics(const QString &text);

} // namespace fmc
