#include "catalogfilter.h"

#include <QRegularExpression>
#include <QStringList>

namespace fmc::sandbox {

namespace {

// Words, quoted values and parentheses; whatever else is there makes the filter invalid.
QStringList tokens(const QString &text, QString *why)
{
    static const QRegularExpression token(QStringLiteral(R"(\s*('(?:[^']|'')*'|\(|\)|[A-Za-z]+)\s*)"));
    QStringList result;
    qsizetype at = 0;
    while (at < text.size()) {
        const QRegularExpressionMatch match = token.match(text, at, QRegularExpression::NormalMatch,
                                                          QRegularExpression::AnchorAtOffsetMatchOption);
        if (!match.hasMatch() || match.capturedLength() == 0) {
            if (text.mid(at).trimmed().isEmpty())
                break;
            *why = QStringLiteral("Unexpected text at position %1 of the filter.").arg(at);
            return {};
        }
        result.append(match.captured(1));
        at += match.capturedLength();
    }
    return result;
}

} // namespace

std::optional<CatalogFilter> CatalogFilter::parse(const QString &text, QString *why)
{
    QString reason;
    CatalogFilter filter;
    const QStringList words = tokens(text, &reason);
    if (!reason.isEmpty()) {
        if (why)
            *why = reason;
        return std::nullopt;
    }
    // expression := group ("or" group)* ; group := "(" expression ")" | "Type" (eq|ne) 'value'
    int depth = 0;
    bool wantOperand = true;
    for (qsizetype i = 0; i < words.size() && reason.isEmpty(); ++i) {
        const QString &word = words[i];
        if (wantOperand && word == QLatin1String("(")) {
            ++depth;
        } else if (wantOperand && word.compare(QLatin1String("Type"), Qt::CaseInsensitive) == 0 && i + 2 < words.size()
                   && words[i + 2].startsWith(u'\'')) {
            const QString op = words[i + 1].toLower();
            if (op != QLatin1String("eq") && op != QLatin1String("ne")) {
                reason = QStringLiteral("'%1' is not a supported operator (eq, ne).").arg(words[i + 1]);
                break;
            }
            QString value = words[i + 2].mid(1, words[i + 2].size() - 2);
            filter.m_anyOf.append({op == QLatin1String("eq"), value.replace(QStringLiteral("''"), QStringLiteral("'"))});
            i += 2;
            wantOperand = false;
        } else if (!wantOperand && word == QLatin1String(")") && depth > 0) {
            --depth;
        } else if (!wantOperand && word.compare(QLatin1String("or"), Qt::CaseInsensitive) == 0) {
            wantOperand = true;
        } else {
            reason = QStringLiteral("Unexpected '%1' in the filter.").arg(word);
        }
    }
    if (reason.isEmpty() && !words.isEmpty() && (wantOperand || depth != 0))
        reason = QStringLiteral("The filter ends too early.");
    if (!reason.isEmpty()) {
        if (why)
            *why = reason;
        return std::nullopt;
    }
    return filter;
}

bool CatalogFilter::matches(const QString &type) const
{
    if (m_anyOf.isEmpty())
        return true;
    for (const Comparison &c : m_anyOf) {
        if ((type.compare(c.type, Qt::CaseInsensitive) == 0) == c.equal)
            return true;
    }
    return false;
}

} // namespace fmc::sandbox
