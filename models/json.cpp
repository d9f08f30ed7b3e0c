#include "json.h"

#include "models/textexcerpt.h"

namespace fmc {

namespace {

// Enough of a parser message for its position and reason ("parse error at line 1, column 9:
// syntax error while parsing value - invalid string: missing closing quote; last read: …").
constexpr qsizetype kParserMessageLength = 200;

// The deepest nesting of arrays and objects in \a bytes, ignoring brackets inside strings.
int nestingDepth(const QByteArray &bytes)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    for (const char *p = bytes.constData(), *end = p + bytes.size(); p < end; ++p) {
        const char c = *p;
        if (inString) {
            if (c == '\\')
                ++p; // skip the escaped character, which may be a quote
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            deepest = qMax(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

} // namespace

std::optional<Json> parseJson(const QByteArray &bytes, QString *error, const JsonLimits &limits)
{
    auto fail = [error](const QString &why) -> std::optional<Json> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (bytes.size() > limits.maxBytes)
        return fail(QStringLiteral("The document is %1 bytes long; at most %2 are accepted.")
                        .arg(bytes.size())
                        .arg(limits.maxBytes));

    // Depth is bounded by a scan before parsing rather than by a parser callback: the callback
    // runs for every value and made parsing a 10,000-table status page three times slower. The
    // scan counts brackets outside strings, which is exactly the nesting the parser will see.
    if (nestingDepth(bytes) > limits.maxDepth)
        return fail(QStringLiteral("The document is nested deeper than %1 levels.").arg(limits.maxDepth));
    try {
        return Json::parse(bytes.constData(), bytes.constData() + bytes.size());
    } catch (const Json::parse_error &e) {
        // The parser's message ends with the token it was reading ("last read: '…'"), which for
        // an unterminated string is the rest of the document: keep the start, which says what.
        return fail(QStringLiteral("Not valid JSON (at byte %1): %2")
                        .arg(e.byte)
                        .arg(textExcerpt(QString::fromUtf8(e.what()), kParserMessageLength)));
    } catch (const Json::exception &e) {
        return fail(QStringLiteral("Not valid JSON: %1").arg(textExcerpt(QString::fromUtf8(e.what()), kParserMessageLength)));
    }
}

QByteArray dumpJson(const Json &value, int indent)
{
    // Replace, never throw, on invalid UTF-8 that might have come from a server.
    const std::string text = value.dump(indent, ' ', false, Json::error_handler_t::replace);
    return QByteArray(text.data(), qsizetype(text.size()));
}

QString toQString(const std::string &utf8)
{
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

std::string toStdString(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return std::string(utf8.constData(), size_t(utf8.size()));
}

} // namespace fmc
