#pragma once

#include <QList>
#include <QString>

#include <string_view>

namespace fmc {

//! \brief A string enum from the API: its known value, or Unknown with the text kept.
//!
//! The Fabric API declares its enums "modelAsString" and adds values over time, so a value we do
//! not know is not an error: it is kept as text, shown as such, and written back unchanged.
//! \a E must be an enum class whose first enumerator is \c Unknown, and an overload
//! `constexpr auto enumNames(E)` must return the API spellings of the other enumerators in order.
template <typename E>
struct EnumText
{
    E value = E::Unknown;
    QString text; //!< The text as received; null when the field was absent.

    //! \brief Maps API text to the enumerator (exact, case-sensitive as the API spells them).
    static EnumText fromText(std::string_view raw);
    //! \brief The text of a known value, e.g. for building requests or tests.
    static EnumText fromValue(E known);

    bool isKnown() const { return value != E::Unknown; }
    bool isAbsent() const { return text.isNull(); }
    bool operator==(const EnumText &other) const { return value == other.value && text == other.text; }
    bool operator==(E other) const { return value == other; }
};

//! The API spellings of a known enum value as shared QStrings (no allocation per decoded value).
template <typename E>
const QString &knownEnumText(E known)
{
    static const QList<QString> texts = [] {
        QList<QString> list;
        for (std::string_view name : enumNames(E{}))
            list.append(QString::fromLatin1(name.data(), qsizetype(name.size())));
        return list;
    }();
    return texts.at(qsizetype(known) - 1);
}

template <typename E>
EnumText<E> EnumText<E>::fromText(std::string_view raw)
{
    const auto names = enumNames(E{});
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i] == raw)
            return fromValue(E(i + 1));
    }
    return {E::Unknown, QString::fromUtf8(raw.data(), qsizetype(raw.size()))};
}

template <typename E>
EnumText<E> EnumText<E>::fromValue(E known)
{
    if (known == E::Unknown)
        return {};
    return {known, knownEnumText(known)};
}

} // namespace fmc
