#include "models/displaytext.h"

#include "models/textexcerpt.h"

namespace fmc {

namespace {

bool isBidiControl(char16_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// One pass over at most maxLength + 1 characters of text: enough to know whether it must be cut.
QString cleaned(const QString &text, qsizetype maxLength, bool keepLineBreaks)
{
    const qsizetype scanned = qMin(text.size(), maxLength + 1);
    QString out;
    out.reserve(scanned);
    for (qsizetype i = 0; i < scanned; ++i) {
        const char16_t c = text.at(i).unicode();
        if (isBidiControl(c))
            continue;
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && QChar::isLowSurrogate(text.at(i + 1).unicode())) {
            out.append(text.at(i));
            out.append(text.at(++i));
            continue;
        }
        if (QChar::isSurrogate(c)) { // alone: fonts draw nothing, encoders refuse it
            out.append(QChar(0xFFFD));
            continue;
        }
        if (c == u'\n' && keepLineBreaks)
            out.append(QChar(c));
        else if (c == u'\n' || c == u'\r' || c == u'\t')
            out.append(QLatin1Char(' '));
        else if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029)
            out.append(keepLineBreaks && (c == 0x2028 || c == 0x2029) ? QChar(u'\n') : QChar(0xFFFD));
        else
            out.append(QChar(c));
    }
    if (scanned < text.size() && out.size() <= maxLength)
        out.append(QChar(0x2026)); // cut even though what was dropped made room: say so
    return textExcerpt(out, maxLength);
}

} // namespace

QString displayText(const QString &text, qsizetype maxLength)
{
    return cleaned(text, maxLength, false);
}

QString plainToolTip(const QString &text, qsizetype maxLength)
{
    if (text.isEmpty())
        return {};
    return QStringLiteral("<p style='white-space:pre-wrap'>") + cleaned(text, maxLength, true).toHtmlEscaped()
        + QStringLiteral("</p>");
}

QString displayMessage(const QString &text, qsizetype maxLength)
{
    return cleaned(text, maxLength, true);
}

QVariant displayValue(const QVariant &value)
{
    if (value.typeId() != QMetaType::QString)
        return value;
    return displayText(value.toString());
}

QVariant fullTextToolTip(const QVariant &value)
{
    if (value.typeId() != QMetaType::QString)
        return {};
    const QString text = value.toString();
    if (displayText(text) == text)
        return {};
    return plainToolTip(text);
}

QVariant textRole(int role, const QVariant &raw)
{
    if (role == Qt::DisplayRole)
        return displayValue(raw);
    if (role == Qt::ToolTipRole)
        return fullTextToolTip(raw);
    return raw;
}

QString withoutMnemonics(const QString &text)
{
    QString out = text;
    return out.replace(QLatin1Char('&'), QLatin1String("&&"));
}

} // namespace fmc
