#pragma once

#include <QString>
#include <QVariant>

namespace fmc {

//! How many characters of a name, status or message from the service a list, label or title
//! shows. The full text stays in the tooltip (plainToolTip) and the details' JSON.
inline constexpr qsizetype kDisplayTextLimit = 200;
//! How many characters a tooltip shows: enough for any real error message, not a megabyte.
inline constexpr qsizetype kToolTipTextLimit = 4000;
//! How many characters a message box or an error label shows of a message from the service.
inline constexpr qsizetype kMessageTextLimit = 2000;

//! \brief Text from the service or a token, made fit for one line of a list, label or title.
//!
//! Whoever can name a table in a source database controls these strings, so: line breaks and
//! tabs become spaces, other control characters and lone surrogates U+FFFD, bidirectional
//! embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are dropped so a name cannot
//! reverse itself or its neighbours, and the result is cut to \a maxLength with "…". Only a
//! prefix is scanned, so a 100 KB name costs no more than a short one. The result is still plain
//! text: show it in a widget set to Qt::PlainText (or escape it), never as rich text.
QString displayText(const QString &text, qsizetype maxLength = kDisplayTextLimit);

//! \brief A tooltip that shows \a text literally (Qt guesses rich text for tooltips).
//! Line breaks are kept; the rest is cleaned as displayText() does, cut to \a maxLength, escaped
//! and wrapped so that `<b>`, `<a href>` or `<img src>` in a name is shown as those characters.
QString plainToolTip(const QString &text, qsizetype maxLength = kToolTipTextLimit);

//! \brief Text from the service that may span lines (an error message and its details), for a
//! label or message box set to Qt::PlainText: cleaned as displayText() but line breaks are kept,
//! cut to \a maxLength.
QString displayMessage(const QString &text, qsizetype maxLength = kMessageTextLimit);

//! \brief A model's DisplayRole for \a value: displayText() of a string, any other value as it is.
QVariant displayValue(const QVariant &value);

//! \brief A model's ToolTipRole for \a value: the full text, as plainToolTip(), of a string that
//! displayValue() cut or cleaned; no tooltip otherwise.
QVariant fullTextToolTip(const QVariant &value);

//! \brief A model's DisplayRole (displayValue()) or ToolTipRole (fullTextToolTip()) of a cell
//! whose raw value is \a raw; any other role gives \a raw back.
QVariant textRole(int role, const QVariant &raw);

//! \brief \a text for a button or action label, where '&' would otherwise mark a mnemonic.
QString withoutMnemonics(const QString &text);

} // namespace fmc
