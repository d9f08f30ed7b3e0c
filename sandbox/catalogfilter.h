#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace fmc::sandbox {

//! \brief The `filter` of `POST /catalog/search`: comparisons of `Type` with `eq` / `ne`,
//! joined with `or` and grouped with parentheses (the grammar the spec documents; `and` is not in
//! it, so it is refused like any other unknown word).
class CatalogFilter
{
public:
    //! An empty \a text matches everything; text that does not parse gives nullopt and \a why.
    static std::optional<CatalogFilter> parse(const QString &text, QString *why = nullptr);
    //! Whether an entry of item type \a type passes (types compare case-insensitively).
    bool matches(const QString &type) const;

private:
    struct Comparison {
        bool equal = true;
        QString type;
    };
    QList<Comparison> m_anyOf; // or-ed; parentheses only group or-ed comparisons, so they flatten
};

} // namespace fmc::sandbox
