#include "models/requestpreview.h"

#include "models/itemdefinition.h"

namespace fmc {

namespace {

void decodeParts(Json &definition)
{
    if (!definition.is_object() || !definition.contains("parts") || !definition["parts"].is_array())
        return;
    for (Json &part : definition["parts"]) {
        if (!part.is_object() || !part.contains("payload") || !part["payload"].is_string())
            continue;
        DefinitionPart p;
        p.payload = toQString(part["payload"].get<std::string>());
        const std::optional<QByteArray> bytes = p.decodedPayload();
        if (!bytes)
            continue;
        if (std::optional<Json> parsed = parseJson(*bytes))
            part["payload (decoded)"] = std::move(*parsed);
        else
            part["payload (decoded)"] = bytes->toStdString();
    }
}

} // namespace

QString RequestPreview::readableText() const
{
    Json shown = body;
    if (shown.is_object() && shown.contains("definition"))
        decodeParts(shown["definition"]);
    QString text = method + u' ' + url + u'\n';
    if (!body.is_null())
        text += u'\n' + QString::fromUtf8(dumpJson(shown, 2));
    return text;
}

} // namespace fmc
