#pragma once

#include "models/json.h"

#include <QByteArray>

namespace fmc {

//! \brief Writes an edited JSON document back over its original text, changing only what changed.
//!
//! MirroringDefinition keeps the bytes it was loaded from. To save, it hands this class the
//! original text, the value parsed from it and the edited value: every subtree that is equal in
//! both keeps its original bytes (spacing, escapes, number spelling), and only changed values,
//! added members and removed members are rewritten, in the indentation style of the surroundings.
//! A document that was never edited comes back byte for byte.
class DefinitionText
{
public:
    //! How a document is laid out; detected from a text or the default for new documents.
    struct Style {
        bool pretty = true;             //!< one member per line
        QByteArray indentUnit = "    "; //!< one nesting level (spaces or a tab)
        QByteArray newline = "\n";      //!< "\n" or "\r\n"
        QByteArray colon = ": ";        //!< between a key and its value
        QByteArray comma = ",";         //!< between items when not pretty ("," or ", ")
    };

    //! The style of new documents: four spaces, as the Fabric documentation's examples.
    static Style defaultStyle() { return Style(); }

    //! \brief Detects the layout of \a text (a valid JSON document); defaults where it cannot tell.
    static Style detectStyle(const QByteArray &text);

    //! \brief Serialises \a value in \a style; nested lines start with \a baseIndent.
    static QByteArray serialize(const Json &value, const Style &style, const QByteArray &baseIndent = {});

    //! \brief Returns \a original with the differences between \a originalValue (parsed from it)
    //! and \a newValue applied in place. Falls back to serialising \a newValue whole (in the
    //! detected style, keeping the text around the root value) when the text cannot be mapped
    //! onto \a originalValue, e.g. when it has duplicate keys.
    static QByteArray patch(const QByteArray &original, const Json &originalValue, const Json &newValue);
};

} // namespace fmc
