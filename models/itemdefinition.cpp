#include "itemdefinition.h"

namespace fmc {

namespace {

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

QString jsonText(const Json &value)
{
    return value.is_string() ? toQString(value.get<std::string>()) : QString();
}

} // namespace

DefinitionPart DefinitionPart::fromBytes(const QString &path, const QByteArray &bytes)
{
    DefinitionPart part;
    part.path = path;
    part.payload = QString::fromLatin1(bytes.toBase64());
    return part;
}

Json DefinitionPart::toJson() const
{
    Json item = raw.is_object() ? raw : Json::object();
    item["path"] = toStdString(path);
    item["payload"] = toStdString(payload);
    item["payloadType"] = toStdString(payloadType);
    return item;
}

std::optional<QByteArray> DefinitionPart::decodedPayload(QString *error) const
{
    const QByteArray text = payload.toLatin1();
    // Qt accepts a lone trailing character as "nothing"; Base64 cannot end on 6 bits.
    const bool lengthOk = text.size() % 4 != 1;
    const auto result = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!lengthOk || result.decodingStatus != QByteArray::Base64DecodingStatus::Ok
        || text.size() != payload.size()) {
        fail(error, QStringLiteral("The payload of part “%1” is not valid Base64.").arg(path));
        return std::nullopt;
    }
    return result.decoded;
}

std::optional<ItemDefinition> ItemDefinition::fromJson(const Json &definitionOrBody, QString *error)
{
    if (!definitionOrBody.is_object()) {
        fail(error, QStringLiteral("The definition must be a JSON object."));
        return std::nullopt;
    }
    const bool wrapped = definitionOrBody.contains("definition");
    const Json &definition = wrapped ? definitionOrBody.at("definition") : definitionOrBody;
    if (!definition.is_object()) {
        fail(error, QStringLiteral("“definition” must be an object with a “parts” list."));
        return std::nullopt;
    }
    const auto partsIt = definition.find("parts");
    if (partsIt == definition.end() || !partsIt->is_array()) {
        fail(error, QStringLiteral("The definition has no “parts” list."));
        return std::nullopt;
    }

    ItemDefinition result;
    result.m_raw = definition;
    if (const auto format = definition.find("format"); format != definition.end()) {
        if (!format->is_string() && !format->is_null()) {
            fail(error, QStringLiteral("The definition's “format” must be text."));
            return std::nullopt;
        }
        if (format->is_string())
            result.m_format = jsonText(*format);
    }

    QStringList paths;
    for (size_t i = 0; i < partsIt->size(); ++i) {
        const Json &item = (*partsIt)[i];
        if (!item.is_object()) {
            fail(error, QStringLiteral("Part %1 of the definition is not an object.").arg(i + 1));
            return std::nullopt;
        }
        DefinitionPart part;
        part.raw = item;
        const auto path = item.find("path");
        if (path == item.end() || !path->is_string() || path->get<std::string>().empty()) {
            fail(error, QStringLiteral("Part %1 of the definition has no path.").arg(i + 1));
            return std::nullopt;
        }
        part.path = jsonText(*path);
        const auto payload = item.find("payload");
        if (payload == item.end() || !payload->is_string()) {
            fail(error, QStringLiteral("Part “%1” has no payload.").arg(part.path));
            return std::nullopt;
        }
        part.payload = jsonText(*payload);
        const auto payloadType = item.find("payloadType");
        part.payloadType = payloadType != item.end() ? jsonText(*payloadType) : QString();
        if (part.payloadType.isEmpty()) {
            fail(error, QStringLiteral("Part “%1” has no payloadType; it must be InlineBase64.").arg(part.path));
            return std::nullopt;
        }
        if (part.payloadType != QLatin1String("InlineBase64")) {
            fail(error, QStringLiteral("Part “%1” has payload type “%2”; only InlineBase64 is supported.")
                            .arg(part.path, part.payloadType));
            return std::nullopt;
        }
        if (paths.contains(part.path)) {
            fail(error, QStringLiteral("The definition has two parts named “%1”.").arg(part.path));
            return std::nullopt;
        }
        if (!part.decodedPayload(error))
            return std::nullopt;
        paths.append(part.path);
        result.m_parts.append(part);
    }
    if (!paths.contains(QLatin1String(MirroringPartPath))) {
        // Other tools have used "MirroredDatabase.json"; name what we found so the user sees why.
        fail(error, paths.isEmpty()
                        ? QStringLiteral("The definition has no mirroring.json part.")
                        : QStringLiteral("The definition has no mirroring.json part (it has %1).")
                              .arg(paths.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    return result;
}

ItemDefinition ItemDefinition::fromMirroringDefinition(const MirroringDefinition &definition,
                                                       const std::optional<DefinitionPart> &platform)
{
    ItemDefinition result;
    result.m_parts.append(DefinitionPart::fromBytes(QLatin1String(MirroringPartPath), definition.toJsonBytes()));
    if (platform)
        result.m_parts.append(*platform);
    return result;
}

Json ItemDefinition::toJson() const
{
    Json definition = m_raw.is_object() ? m_raw : Json::object();
    if (m_format)
        definition["format"] = toStdString(*m_format);
    else if (definition.contains("format") && !definition.at("format").is_null())
        definition.erase("format");
    Json parts = Json::array();
    for (const DefinitionPart &part : m_parts)
        parts.push_back(part.toJson());
    definition["parts"] = std::move(parts);
    return definition;
}

Json ItemDefinition::toRequestBody() const
{
    Json body = Json::object();
    body["definition"] = toJson();
    return body;
}

std::optional<DefinitionPart> ItemDefinition::part(const QString &path) const
{
    for (const DefinitionPart &p : m_parts) {
        if (p.path == path)
            return p;
    }
    return std::nullopt;
}

bool ItemDefinition::removePart(const QString &path)
{
    return m_parts.removeIf([&path](const DefinitionPart &p) { return p.path == path; }) > 0;
}

std::optional<MirroringDefinition> ItemDefinition::mirroringDefinition(QString *error) const
{
    const auto mirroring = part(QLatin1String(MirroringPartPath));
    if (!mirroring) {
        fail(error, QStringLiteral("The definition has no mirroring.json part."));
        return std::nullopt;
    }
    const auto bytes = mirroring->decodedPayload(error);
    if (!bytes)
        return std::nullopt;
    QString why;
    auto definition = MirroringDefinition::fromJsonBytes(*bytes, &why);
    if (!definition)
        fail(error, QStringLiteral("The payload of part “mirroring.json” is not a valid definition: %1").arg(why));
    return definition;
}

void ItemDefinition::setMirroringDefinition(const MirroringDefinition &definition)
{
    const DefinitionPart fresh = DefinitionPart::fromBytes(QLatin1String(MirroringPartPath), definition.toJsonBytes());
    for (DefinitionPart &p : m_parts) {
        if (p.path == QLatin1String(MirroringPartPath)) {
            p.payload = fresh.payload;
            return;
        }
    }
    m_parts.prepend(fresh);
}

} // namespace fmc
