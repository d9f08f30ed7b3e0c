#include "models/platformfile.h"

namespace fmc {

namespace {

QString textAt(const Json &doc, const char *object, const char *key)
{
    const auto outer = doc.find(object);
    if (outer == doc.end() || !outer->is_object())
        return {};
    const auto inner = outer->find(key);
    return inner != outer->end() && inner->is_string() ? toQString(inner->get<std::string>()) : QString();
}

bool isText(const Json &doc, const char *object, const char *key)
{
    const auto outer = doc.find(object);
    return outer != doc.end() && outer->is_object() && outer->contains(key) && outer->at(key).is_string();
}

} // namespace

std::optional<PlatformFile> PlatformFile::fromBytes(const QByteArray &bytes, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QString why;
    const auto json = parseJson(bytes, &why);
    if (!json)
        return fail(QStringLiteral(".platform is not JSON: %1").arg(why));
    if (!json->is_object())
        return fail(QStringLiteral(".platform must be a JSON object."));
    if (json->contains("metadata") && !json->at("metadata").is_object())
        return fail(QStringLiteral(".platform: “metadata” must be an object."));
    if (json->contains("config") && !json->at("config").is_object())
        return fail(QStringLiteral(".platform: “config” must be an object."));
    if (!isText(*json, "metadata", "type"))
        return fail(QStringLiteral(".platform has no item type (metadata.type)."));
    if (!isText(*json, "metadata", "displayName"))
        return fail(QStringLiteral(".platform has no display name (metadata.displayName)."));
    for (const char *key : {"description"})
        if (json->at("metadata").contains(key) && !json->at("metadata").at(key).is_string())
            return fail(QStringLiteral(".platform: metadata.%1 must be text.").arg(QLatin1String(key)));
    for (const char *key : {"version", "logicalId"})
        if (json->contains("config") && json->at("config").contains(key) && !json->at("config").at(key).is_string())
            return fail(QStringLiteral(".platform: config.%1 must be text.").arg(QLatin1String(key)));
    PlatformFile file;
    file.m_json = *json;
    file.m_bytes = bytes;
    return file;
}

PlatformFile PlatformFile::create(const QString &displayName, const QString &description, const QString &logicalId)
{
    PlatformFile file;
    Json metadata = Json::object();
    metadata["type"] = MirroredDatabaseType;
    metadata["displayName"] = toStdString(displayName);
    if (!description.isEmpty())
        metadata["description"] = toStdString(description);
    file.m_json = Json::object();
    file.m_json["$schema"] = SchemaUrl;
    file.m_json["metadata"] = std::move(metadata);
    file.m_json["config"] = Json{{"version", "2.0"}, {"logicalId", toStdString(logicalId)}};
    return file;
}

QString PlatformFile::type() const { return textAt(m_json, "metadata", "type"); }
QString PlatformFile::displayName() const { return textAt(m_json, "metadata", "displayName"); }
QString PlatformFile::description() const { return textAt(m_json, "metadata", "description"); }
QString PlatformFile::logicalId() const { return textAt(m_json, "config", "logicalId"); }
QString PlatformFile::configVersion() const { return textAt(m_json, "config", "version"); }

void PlatformFile::set(const char *object, const char *key, const QString &value)
{
    Json &outer = m_json[object];
    if (!outer.is_object())
        outer = Json::object();
    const auto it = outer.find(key);
    if (value.isEmpty()) {
        if (it == outer.end())
            return;
        outer.erase(key);
    } else {
        if (it != outer.end() && it->is_string() && toQString(it->get<std::string>()) == value)
            return;
        outer[key] = toStdString(value);
    }
    m_bytes.clear();
}

void PlatformFile::setDisplayName(const QString &name) { set("metadata", "displayName", name); }
void PlatformFile::setDescription(const QString &description) { set("metadata", "description", description); }
void PlatformFile::setLogicalId(const QString &logicalId) { set("config", "logicalId", logicalId); }

QByteArray PlatformFile::toBytes() const
{
    // A new or changed file: two spaces and a final newline (any layout is read back alike).
    return m_bytes.isEmpty() ? dumpJson(m_json, 2) + '\n' : m_bytes;
}

bool PlatformFile::isUnassigned(const QString &id)
{
    return id.isEmpty() || id == QLatin1String("00000000-0000-0000-0000-000000000000");
}

} // namespace fmc
