#include "json.h"

namespace fmc {

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

    // The parser callback sees every nesting step before it recurses, so depth is refused
    // before it can grow the stack.
    bool tooDeep = false;
    const auto callback = [&tooDeep, &limits](int depth, Json::parse_event_t event, Json &) {
        if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start)
            && depth >= limits.maxDepth) {
            tooDeep = true;
            return false;
        }
        return !tooDeep;
    };
    try {
        Json value = Json::parse(bytes.constData(), bytes.constData() + bytes.size(), callback);
        if (tooDeep)
            return fail(QStringLiteral("The document is nested deeper than %1 levels.").arg(limits.maxDepth));
        return value;
    } catch (const Json::parse_error &e) {
        if (tooDeep)
            return fail(QStringLiteral("The document is nested deeper than %1 levels.").arg(limits.maxDepth));
        return fail(QStringLiteral("Not valid JSON (at byte %1): %2")
                        .arg(e.byte)
                        .arg(QString::fromUtf8(e.what())));
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
