#include "mirroringdefinition.h"

#include "models/mirroringdefinitiontext.h"
#include "models/textexcerpt.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace fmc {

namespace {

using Path = std::initializer_list<const char *>;

const char *const kMirroredTarget = "MountedRelationalDatabase";
const char *const kDelta = "Delta";

// The documented order of every key this class writes. Within any one object these keys never
// disagree, so a single list places a new key among its siblings whatever order setters run in.
int rankOf(const std::string &key)
{
    static const std::vector<std::string> order = {
        "properties", "source", "target", "mountedTables", "type", "typeProperties", "connection",
        "database", "externalStorages", "subType", "landingZone", "workspaceId", "artifactId",
        "rootFolder", "defaultSchema", "format", "retentionInDays", "enableDeltaChangeDataFeed",
        "schemaName", "tableName"};
    const auto it = std::find(order.begin(), order.end(), key);
    return it == order.end() ? -1 : int(it - order.begin());
}

// Sets obj[key], inserting a new key before the first known sibling that documents put after it;
// unknown siblings keep their places.
void putOrdered(Json &obj, const std::string &key, Json value)
{
    if (obj.contains(key)) {
        obj[key] = std::move(value);
        return;
    }
    const int rank = rankOf(key);
    Json rebuilt = Json::object();
    bool inserted = false;
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (!inserted && rank >= 0 && rankOf(it.key()) > rank) {
            rebuilt[key] = std::move(value);
            inserted = true;
        }
        rebuilt[it.key()] = std::move(it.value());
    }
    if (!inserted)
        rebuilt[key] = std::move(value);
    obj = std::move(rebuilt);
}

const Json *findIn(const Json &root, Path path)
{
    const Json *current = &root;
    for (const char *key : path) {
        if (!current->is_object())
            return nullptr;
        const auto it = current->find(key);
        if (it == current->end())
            return nullptr;
        current = &*it;
    }
    return current;
}

// Walks \a path from \a root, turning missing or non-object steps into objects.
Json &objectIn(Json &root, Path path)
{
    Json *current = &root;
    for (const char *key : path) {
        if (!current->contains(key) || !(*current)[key].is_object())
            putOrdered(*current, key, Json::object());
        current = &(*current)[key];
    }
    return *current;
}

// Sets or (with std::nullopt) removes the value at \a path under \a root.
void putIn(Json &root, Path path, std::optional<Json> value)
{
    const std::vector<const char *> keys(path);
    const char *last = keys.back();
    if (!value) {
        Json *parent = &root;
        for (size_t i = 0; i + 1 < keys.size(); ++i) {
            if (!parent->is_object() || !parent->contains(keys[i]))
                return;
            parent = &(*parent)[keys[i]];
        }
        if (parent->is_object())
            parent->erase(last);
        return;
    }
    Json *parent = &root;
    for (size_t i = 0; i + 1 < keys.size(); ++i) {
        if (!parent->contains(keys[i]) || !(*parent)[keys[i]].is_object())
            putOrdered(*parent, keys[i], Json::object());
        parent = &(*parent)[keys[i]];
    }
    putOrdered(*parent, last, std::move(*value));
}

std::optional<Json> textOrUnset(const QString &text)
{
    if (text.isEmpty())
        return std::nullopt;
    return Json(toStdString(text));
}

QString stringIn(const Json &root, Path path)
{
    const Json *value = findIn(root, path);
    return value && value->is_string() ? toQString(value->get<std::string>()) : QString();
}

bool isGuid(const QString &text)
{
    static const QRegularExpression guid(QStringLiteral(
        "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"));
    return guid.match(text).hasMatch();
}

MountedTable tableOf(const Json &entry)
{
    return {stringIn(entry, {"source", "typeProperties", "schemaName"}),
            stringIn(entry, {"source", "typeProperties", "tableName"})};
}

Json newTableEntry(const MountedTable &table)
{
    Json entry = Json::object();
    putIn(entry, {"source", "typeProperties", "schemaName"}, Json(toStdString(table.schemaName)));
    putIn(entry, {"source", "typeProperties", "tableName"}, Json(toStdString(table.tableName)));
    return entry;
}

} // namespace

MirroringDefinition::MirroringDefinition()
    : m_doc(Json::object())
{
    putIn(m_doc, {"properties", "source", "typeProperties"}, Json::object());
    putIn(m_doc, {"properties", "target", "type"}, Json(kMirroredTarget));
    putIn(m_doc, {"properties", "target", "typeProperties", "format"}, Json(kDelta));
    m_loaded = m_doc;
}

std::optional<MirroringDefinition> MirroringDefinition::fromJsonBytes(const QByteArray &utf8, QString *error)
{
    // A definition is a few kilobytes for a thousand tables and seven levels deep; these bounds
    // leave ample room and still refuse a hostile payload early.
    JsonLimits limits;
    limits.maxBytes = 16 * 1024 * 1024;
    limits.maxDepth = 32;
    std::optional<Json> parsed = parseJson(utf8, error, limits);
    if (!parsed)
        return std::nullopt;
    if (!parsed->is_object()) {
        if (error)
            *error = QStringLiteral("mirroring.json must hold a JSON object at the top level.");
        return std::nullopt;
    }
    MirroringDefinition definition;
    definition.m_doc = std::move(*parsed);
    definition.m_loaded = definition.m_doc;
    definition.m_loadedBytes = utf8;
    return definition;
}

QByteArray MirroringDefinition::toJsonBytes() const
{
    if (m_loadedBytes.isEmpty())
        return DefinitionText::serialize(m_doc, DefinitionText::defaultStyle());
    return DefinitionText::patch(m_loadedBytes, m_loaded, m_doc);
}

const QList<SourceTypeInfo> &MirroringDefinition::knownSourceTypes()
{
    // The definition documentation's 13 values (docs/fabric-api-notes.md, source types): connection
    // is "not required for GenericMirror or SAP", database is "required only for Snowflake and
    // CosmosDb".
    static const QList<SourceTypeInfo> types = {
        {QStringLiteral("AzureMySql"), QStringLiteral("Azure Database for MySQL"), true, false, false, false},
        {QStringLiteral("AzurePostgreSql"), QStringLiteral("Azure Database for PostgreSQL"), true, false, false, false},
        {QStringLiteral("AzureSqlDatabase"), QStringLiteral("Azure SQL Database"), true, false, false, false},
        {QStringLiteral("AzureSqlMI"), QStringLiteral("Azure SQL Managed Instance"), true, false, false, false},
        {QStringLiteral("CosmosDb"), QStringLiteral("Azure Cosmos DB"), true, true, false, false},
        {QStringLiteral("GenericMirror"), QStringLiteral("Open mirroring"), false, false, false, false},
        {QStringLiteral("GoogleBigQuery"), QStringLiteral("Google BigQuery"), true, false, false, false},
        {QStringLiteral("MSSQL"), QStringLiteral("SQL Server 2016–2022"), true, false, false, false},
        {QStringLiteral("Oracle"), QStringLiteral("Oracle"), true, false, false, false},
        {QStringLiteral("SAP"), QStringLiteral("SAP"), false, false, false, true},
        {QStringLiteral("SharePointList"), QStringLiteral("SharePoint list"), true, false, false, false},
        {QStringLiteral("Snowflake"), QStringLiteral("Snowflake"), true, true, true, false},
        {QStringLiteral("SqlServer2025"), QStringLiteral("SQL Server 2025"), true, false, false, false},
    };
    return types;
}

std::optional<SourceTypeInfo> MirroringDefinition::sourceTypeInfo(const QString &type)
{
    for (const SourceTypeInfo &info : knownSourceTypes()) {
        if (info.type == type)
            return info;
    }
    return std::nullopt;
}

const Json *MirroringDefinition::find(Path path) const { return findIn(m_doc, path); }
QString MirroringDefinition::stringAt(Path path) const { return stringIn(m_doc, path); }
Json &MirroringDefinition::object(Path path) { return objectIn(m_doc, path); }
void MirroringDefinition::setValue(Path path, std::optional<Json> value) { putIn(m_doc, path, std::move(value)); }

QString MirroringDefinition::sourceType() const { return stringAt({"properties", "source", "type"}); }
void MirroringDefinition::setSourceType(const QString &type) { setValue({"properties", "source", "type"}, textOrUnset(type)); }

QString MirroringDefinition::connection() const
{
    return stringAt({"properties", "source", "typeProperties", "connection"});
}
void MirroringDefinition::setConnection(const QString &connectionId)
{
    setValue({"properties", "source", "typeProperties", "connection"}, textOrUnset(connectionId));
}

QString MirroringDefinition::database() const { return stringAt({"properties", "source", "typeProperties", "database"}); }
void MirroringDefinition::setDatabase(const QString &database)
{
    setValue({"properties", "source", "typeProperties", "database"}, textOrUnset(database));
}

QList<ExternalStorage> MirroringDefinition::externalStorages() const
{
    QList<ExternalStorage> storages;
    const Json *list = find({"properties", "source", "typeProperties", "externalStorages"});
    if (!list || !list->is_array())
        return storages;
    for (const Json &entry : *list)
        storages.append({stringIn(entry, {"type"}), stringIn(entry, {"typeProperties", "connection"})});
    return storages;
}

void MirroringDefinition::setExternalStorages(const QList<ExternalStorage> &storages)
{
    if (storages.isEmpty()) {
        setValue({"properties", "source", "typeProperties", "externalStorages"}, std::nullopt);
        return;
    }
    const Json *old = find({"properties", "source", "typeProperties", "externalStorages"});
    Json list = Json::array();
    for (qsizetype i = 0; i < storages.size(); ++i) {
        // Update the entry at the same position in place, so its unknown fields survive.
        Json entry = old && old->is_array() && size_t(i) < old->size() && (*old)[size_t(i)].is_object()
                         ? (*old)[size_t(i)]
                         : Json::object();
        putIn(entry, {"type"}, textOrUnset(storages[i].type));
        putIn(entry, {"typeProperties", "connection"}, textOrUnset(storages[i].connection));
        list.push_back(std::move(entry));
    }
    setValue({"properties", "source", "typeProperties", "externalStorages"}, std::move(list));
}

QString MirroringDefinition::sapSubType() const { return stringAt({"properties", "source", "typeProperties", "subType"}); }
void MirroringDefinition::setSapSubType(const QString &subType)
{
    setValue({"properties", "source", "typeProperties", "subType"}, textOrUnset(subType));
}

std::optional<LandingZone> MirroringDefinition::landingZone() const
{
    const Json *zone = find({"properties", "source", "typeProperties", "landingZone"});
    if (!zone || !zone->is_object())
        return std::nullopt;
    return LandingZone{stringIn(*zone, {"type"}), stringIn(*zone, {"typeProperties", "connection"}),
                       stringIn(*zone, {"typeProperties", "workspaceId"}),
                       stringIn(*zone, {"typeProperties", "artifactId"}),
                       stringIn(*zone, {"typeProperties", "rootFolder"})};
}

void MirroringDefinition::setLandingZone(const std::optional<LandingZone> &zone)
{
    if (!zone) {
        setValue({"properties", "source", "typeProperties", "landingZone"}, std::nullopt);
        return;
    }
    Json &target = object({"properties", "source", "typeProperties", "landingZone"});
    putIn(target, {"type"}, textOrUnset(zone->type));
    putIn(target, {"typeProperties", "connection"}, textOrUnset(zone->connection));
    putIn(target, {"typeProperties", "workspaceId"}, textOrUnset(zone->workspaceId));
    putIn(target, {"typeProperties", "artifactId"}, textOrUnset(zone->artifactId));
    putIn(target, {"typeProperties", "rootFolder"}, textOrUnset(zone->rootFolder));
}

QString MirroringDefinition::targetType() const { return stringAt({"properties", "target", "type"}); }
void MirroringDefinition::setTargetType(const QString &type) { setValue({"properties", "target", "type"}, textOrUnset(type)); }

QString MirroringDefinition::defaultSchema() const
{
    return stringAt({"properties", "target", "typeProperties", "defaultSchema"});
}
void MirroringDefinition::setDefaultSchema(const QString &schema)
{
    setValue({"properties", "target", "typeProperties", "defaultSchema"}, textOrUnset(schema));
}

QString MirroringDefinition::format() const { return stringAt({"properties", "target", "typeProperties", "format"}); }
void MirroringDefinition::setFormat(const QString &format)
{
    setValue({"properties", "target", "typeProperties", "format"}, textOrUnset(format));
}

std::optional<int> MirroringDefinition::retentionInDays() const
{
    const Json *value = find({"properties", "target", "typeProperties", "retentionInDays"});
    if (!value || !value->is_number_integer())
        return std::nullopt;
    if (value->is_number_unsigned()) {
        const auto days = value->get<std::uint64_t>();
        return days <= std::uint64_t(std::numeric_limits<int>::max()) ? std::optional<int>(int(days)) : std::nullopt;
    }
    const auto days = value->get<std::int64_t>();
    if (days < std::numeric_limits<int>::min() || days > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(days);
}

int MirroringDefinition::shownRetentionInDays() const
{
    const Json *value = find({"properties", "target", "typeProperties", "retentionInDays"});
    if (!value)
        return DefaultRetentionInDays;
    if (!value->is_number())
        return 0;
    // Clamped first: a double outside int's range has no int conversion.
    const double days = std::trunc(value->get<double>());
    return int(std::clamp(days, double(std::numeric_limits<int>::min()), double(std::numeric_limits<int>::max())));
}

void MirroringDefinition::setRetentionInDays(std::optional<int> days)
{
    setValue({"properties", "target", "typeProperties", "retentionInDays"},
             days ? std::optional<Json>(Json(*days)) : std::nullopt);
}

std::optional<bool> MirroringDefinition::enableDeltaChangeDataFeed() const
{
    const Json *value = find({"properties", "target", "typeProperties", "enableDeltaChangeDataFeed"});
    if (!value || !value->is_boolean())
        return std::nullopt;
    return value->get<bool>();
}

void MirroringDefinition::setEnableDeltaChangeDataFeed(std::optional<bool> enable)
{
    setValue({"properties", "target", "typeProperties", "enableDeltaChangeDataFeed"},
             enable ? std::optional<Json>(Json(*enable)) : std::nullopt);
}

bool MirroringDefinition::mirrorAll() const { return find({"properties", "mountedTables"}) == nullptr; }

void MirroringDefinition::setMirrorAll(bool all)
{
    if (all)
        setValue({"properties", "mountedTables"}, std::nullopt);
    else if (mirrorAll())
        setValue({"properties", "mountedTables"}, Json::array());
}

QList<MountedTable> MirroringDefinition::mountedTables() const
{
    QList<MountedTable> tables;
    const Json *list = find({"properties", "mountedTables"});
    if (!list || !list->is_array())
        return tables;
    for (const Json &entry : *list)
        tables.append(tableOf(entry));
    return tables;
}

void MirroringDefinition::setMountedTables(const QList<MountedTable> &tables)
{
    const Json *found = find({"properties", "mountedTables"});
    const Json old = found && found->is_array() ? *found : Json::array();
    std::vector<bool> used(old.size(), false);
    std::vector<std::optional<Json>> entries(size_t(tables.size()));
    // First keep the entries whose names did not change (wherever they moved) ...
    QHash<QString, QList<size_t>> byName; // old positions per name, in order
    const auto nameKey = [](const MountedTable &t) { return t.schemaName + QChar(0x1f) + t.tableName; };
    for (size_t k = 0; k < old.size(); ++k) {
        if (old[k].is_object())
            byName[nameKey(tableOf(old[k]))].append(k);
    }
    for (qsizetype j = 0; j < tables.size(); ++j) {
        auto it = byName.find(nameKey(tables[j]));
        if (it == byName.end() || it->isEmpty())
            continue;
        const size_t k = it->takeFirst();
        used[k] = true;
        entries[size_t(j)] = old[k];
    }
    // ... then rename in place an entry whose old table is gone, keeping its other fields.
    for (qsizetype j = 0; j < tables.size(); ++j) {
        if (entries[size_t(j)])
            continue;
        const size_t k = size_t(j);
        if (k < old.size() && !used[k] && old[k].is_object()) {
            used[k] = true;
            Json entry = old[k];
            putIn(entry, {"source", "typeProperties", "schemaName"}, Json(toStdString(tables[j].schemaName)));
            putIn(entry, {"source", "typeProperties", "tableName"}, Json(toStdString(tables[j].tableName)));
            entries[k] = std::move(entry);
        } else {
            entries[size_t(j)] = newTableEntry(tables[j]);
        }
    }
    Json list = Json::array();
    for (auto &entry : entries)
        list.push_back(std::move(*entry));
    setValue({"properties", "mountedTables"}, std::move(list));
}

namespace {

// Collects problems; paths are dotted with [i] for list items, as the user sees them.
class Checker
{
public:
    QList<ValidationProblem> problems;

    void error(const QString &path, ValidationProblem::Field field, const QString &message, int index = -1)
    {
        problems.append({path, message, field, ValidationProblem::Severity::Error, index});
    }
    void warning(const QString &path, ValidationProblem::Field field, const QString &message, int index = -1)
    {
        problems.append({path, message, field, ValidationProblem::Severity::Warning, index});
    }

    // A text member that, when present, must be a string; returns it (empty when absent).
    // \a required reports a missing or blank value with \a missing.
    QString text(const Json &parent, const char *key, const QString &path, ValidationProblem::Field field,
                 bool required, const QString &missing, int index = -1)
    {
        const Json *value = parent.is_object() && parent.contains(key) ? &parent.at(key) : nullptr;
        if (value && !value->is_string()) {
            error(path, field, QStringLiteral("“%1” must be text.").arg(QString::fromLatin1(key)), index);
            return {};
        }
        const QString result = value ? toQString(value->get<std::string>()) : QString();
        if (required && result.trimmed().isEmpty())
            error(path, field, missing, index);
        return result;
    }

    // A connection-like GUID member.
    void guid(const Json &parent, const char *key, const QString &path, ValidationProblem::Field field,
              bool required, const QString &missing, int index = -1)
    {
        const bool present = parent.is_object() && parent.contains(key) && parent.at(key).is_string();
        const QString value = text(parent, key, path, field, required, missing, index);
        if (present && !value.isEmpty() && !isGuid(value))
            error(path, field,
                  QStringLiteral("“%1” is not an ID: it must be a GUID such as "
                                 "a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1.").arg(textExcerpt(value)),
                  index);
    }
};

const Json &memberOrNull(const Json &parent, const char *key)
{
    static const Json null;
    if (!parent.is_object())
        return null;
    const auto it = parent.find(key);
    return it == parent.end() ? null : *it;
}

} // namespace

QList<ValidationProblem> MirroringDefinition::validate(const DefinitionLimits &limits) const
{
    using F = ValidationProblem::Field;
    Checker check;

    const Json &properties = memberOrNull(m_doc, "properties");
    if (!properties.is_object()) {
        if (!properties.is_null())
            check.error(QStringLiteral("properties"), F::Document, QStringLiteral("“properties” must be an object."));
        else if (m_doc.contains("source") || m_doc.contains("target"))
            check.error(QStringLiteral("properties"), F::Document,
                        QStringLiteral("The source and target must be inside a “properties” object, as in the "
                                       "documentation's examples."));
        else
            check.error(QStringLiteral("properties"), F::Document,
                        QStringLiteral("The definition has no “properties” object with a source and a target."));
        return check.problems;
    }

    // Source.
    const QString sourcePath = QStringLiteral("properties.source");
    const Json &source = memberOrNull(properties, "source");
    std::optional<SourceTypeInfo> info;
    QString typeName = QStringLiteral("this");
    if (!source.is_object()) {
        check.error(sourcePath, F::SourceType,
                    source.is_null() ? QStringLiteral("The definition has no source.")
                                     : QStringLiteral("The source must be an object."));
    } else {
        const QString type = check.text(source, "type", sourcePath + QStringLiteral(".type"), F::SourceType, true,
                                        QStringLiteral("Choose a source type."));
        if (!type.trimmed().isEmpty()) {
            info = sourceTypeInfo(type);
            if (info)
                typeName = info->displayName;
            else
                check.warning(sourcePath + QStringLiteral(".type"), F::SourceType,
                              QStringLiteral("“%1” is not a source type this version knows. It is kept as it is, "
                                             "but its required fields cannot be checked.").arg(textExcerpt(type)));
        }
        const QString tpPath = sourcePath + QStringLiteral(".typeProperties");
        const Json &tp = memberOrNull(source, "typeProperties");
        if (!tp.is_null() && !tp.is_object())
            check.error(tpPath, F::Document, QStringLiteral("The source's “typeProperties” must be an object."));

        check.guid(tp, "connection", tpPath + QStringLiteral(".connection"), F::Connection,
                   info && info->needsConnection,
                   QStringLiteral("A %1 source needs a connection. Pick one of your connections or paste its ID.")
                       .arg(typeName));
        check.text(tp, "database", tpPath + QStringLiteral(".database"), F::Database, info && info->needsDatabase,
                   QStringLiteral("A %1 source needs the name of the source database.").arg(typeName));

        const QString storagesPath = tpPath + QStringLiteral(".externalStorages");
        const Json &storages = memberOrNull(tp, "externalStorages");
        if (!storages.is_null()) {
            if (!storages.is_array()) {
                check.error(storagesPath, F::ExternalStorages, QStringLiteral("External storages must be a list."));
            } else {
                if (info && !info->usesExternalStorages)
                    check.warning(storagesPath, F::ExternalStorages,
                                  QStringLiteral("Only Snowflake sources use external storages; a %1 source "
                                                 "may ignore them.").arg(typeName));
                for (size_t i = 0; i < storages.size(); ++i) {
                    const QString itemPath = QStringLiteral("%1[%2]").arg(storagesPath).arg(i);
                    const Json &item = storages[i];
                    if (!item.is_object()) {
                        check.error(itemPath, F::ExternalStorages,
                                    QStringLiteral("External storage %1 must be an object.").arg(i + 1), int(i));
                        continue;
                    }
                    check.text(item, "type", itemPath + QStringLiteral(".type"), F::ExternalStorageType, true,
                               QStringLiteral("External storage %1 needs a type, such as AmazonS3.").arg(i + 1),
                               int(i));
                    check.guid(memberOrNull(item, "typeProperties"), "connection",
                               itemPath + QStringLiteral(".typeProperties.connection"),
                               F::ExternalStorageConnection, true,
                               QStringLiteral("External storage %1 needs the ID of its connection.").arg(i + 1),
                               int(i));
                }
            }
        }

        check.text(tp, "subType", tpPath + QStringLiteral(".subType"), F::SapSubType, false, {});

        const QString zonePath = tpPath + QStringLiteral(".landingZone");
        const Json &zone = memberOrNull(tp, "landingZone");
        if (zone.is_null()) {
            if (info && info->usesLandingZone)
                check.error(zonePath, F::LandingZone,
                            QStringLiteral("An SAP source needs a landing zone: the lakehouse folder its "
                                           "replication flow writes to."));
        } else if (!zone.is_object()) {
            check.error(zonePath, F::LandingZone, QStringLiteral("The landing zone must be an object."));
        } else {
            check.text(zone, "type", zonePath + QStringLiteral(".type"), F::LandingZoneType, true,
                       QStringLiteral("The landing zone needs a type, such as Lakehouse."));
            const Json &ztp = memberOrNull(zone, "typeProperties");
            const QString ztpPath = zonePath + QStringLiteral(".typeProperties");
            check.guid(ztp, "connection", ztpPath + QStringLiteral(".connection"), F::LandingZoneConnection, true,
                       QStringLiteral("The landing zone needs the ID of its connection."));
            check.guid(ztp, "workspaceId", ztpPath + QStringLiteral(".workspaceId"), F::LandingZoneWorkspaceId, true,
                       QStringLiteral("The landing zone needs the ID of the workspace that holds it."));
            check.guid(ztp, "artifactId", ztpPath + QStringLiteral(".artifactId"), F::LandingZoneArtifactId, true,
                       QStringLiteral("The landing zone needs the ID of its lakehouse."));
            check.text(ztp, "rootFolder", ztpPath + QStringLiteral(".rootFolder"), F::LandingZoneRootFolder, true,
                       QStringLiteral("The landing zone needs its root folder, such as Files/sap."));
        }
    }

    // Target.
    const QString targetPath = QStringLiteral("properties.target");
    const Json &target = memberOrNull(properties, "target");
    if (!target.is_object()) {
        check.error(targetPath, F::Target,
                    target.is_null() ? QStringLiteral("The definition has no target.")
                                     : QStringLiteral("The target must be an object."));
    } else {
        const QString mustBe = QStringLiteral("The target type must be MountedRelationalDatabase, the only one the "
                                              "service supports.");
        const QString type = check.text(target, "type", targetPath + QStringLiteral(".type"), F::TargetType, true, mustBe);
        if (!type.trimmed().isEmpty() && type != QLatin1String(kMirroredTarget))
            check.error(targetPath + QStringLiteral(".type"), F::TargetType, mustBe);

        const QString tpPath = targetPath + QStringLiteral(".typeProperties");
        const Json &tp = memberOrNull(target, "typeProperties");
        if (!tp.is_object()) {
            check.error(tpPath, F::Format,
                        QStringLiteral("The target needs “typeProperties” with the format Delta."));
        } else {
            const QString delta = QStringLiteral("The target format must be Delta, the only one the service supports.");
            const QString format = check.text(tp, "format", tpPath + QStringLiteral(".format"), F::Format, true, delta);
            if (!format.trimmed().isEmpty() && format != QLatin1String(kDelta))
                check.error(tpPath + QStringLiteral(".format"), F::Format, delta);

            if (tp.contains("defaultSchema"))
                check.text(tp, "defaultSchema", tpPath + QStringLiteral(".defaultSchema"), F::DefaultSchema, true,
                           QStringLiteral("The default schema is blank. Enter a schema name or leave it unset."));

            if (tp.contains("retentionInDays")) {
                const Json &days = tp.at("retentionInDays");
                bool inRange = false;
                if (days.is_number_unsigned())
                    inRange = days.get<std::uint64_t>() >= 1 && days.get<std::uint64_t>() <= 30;
                else if (days.is_number_integer())
                    inRange = days.get<std::int64_t>() >= 1 && days.get<std::int64_t>() <= 30;
                if (!inRange)
                    check.error(tpPath + QStringLiteral(".retentionInDays"), F::RetentionInDays,
                                QStringLiteral("Retention is %1; it must be a whole number of days from 1 to 30 "
                                               "(the service keeps 7 days when it is not set).")
                                    .arg(textExcerpt(toQString(days.dump()))));
            }
            if (tp.contains("enableDeltaChangeDataFeed") && !tp.at("enableDeltaChangeDataFeed").is_boolean())
                check.error(tpPath + QStringLiteral(".enableDeltaChangeDataFeed"), F::EnableDeltaChangeDataFeed,
                            QStringLiteral("Delta change data feed must be true or false."));
        }
    }

    // Tables.
    const QString tablesPath = QStringLiteral("properties.mountedTables");
    const Json &tables = memberOrNull(properties, "mountedTables");
    if (properties.contains("mountedTables")) {
        if (!tables.is_array()) {
            check.error(tablesPath, F::MountedTables,
                        QStringLiteral("“mountedTables” must be a list of tables; leave it out to mirror all data."));
        } else {
            if (tables.empty())
                check.warning(tablesPath, F::MountedTables,
                              QStringLiteral("No tables are selected, so nothing will be mirrored. Choose “Mirror "
                                             "all data” to mirror every table."));
            const int limit = limits.maxTables(info ? info->type : stringIn(source, {"type"}));
            if (tables.size() > size_t(limit))
                check.error(tablesPath, F::MountedTables,
                            QStringLiteral("%1 tables are selected; a %2 mirrored database can mirror at most %3.")
                                .arg(tables.size())
                                .arg(typeName)
                                .arg(limit));
            QHash<QString, size_t> seen;
            for (size_t i = 0; i < tables.size(); ++i) {
                const QString itemPath = QStringLiteral("%1[%2]").arg(tablesPath).arg(i);
                const Json &item = tables[i];
                const Json &typeProperties = memberOrNull(memberOrNull(item, "source"), "typeProperties");
                if (!typeProperties.is_object()) {
                    check.error(itemPath, F::MountedTables,
                                QStringLiteral("Table %1 must be {\"source\": {\"typeProperties\": {\"schemaName\", "
                                               "\"tableName\"}}}.").arg(i + 1),
                                int(i));
                    continue;
                }
                const QString namesPath = itemPath + QStringLiteral(".source.typeProperties");
                const QString schema = check.text(typeProperties, "schemaName", namesPath + QStringLiteral(".schemaName"),
                                                  F::TableSchemaName, true,
                                                  QStringLiteral("Table %1 has no schema name.").arg(i + 1), int(i));
                const QString table = check.text(typeProperties, "tableName", namesPath + QStringLiteral(".tableName"),
                                                 F::TableName, true,
                                                 QStringLiteral("Table %1 has no table name.").arg(i + 1), int(i));
                if (table.trimmed().isEmpty())
                    continue;
                // SQL sources compare identifiers without case, so dbo.Orders and DBO.orders clash.
                const QString key = schema.toCaseFolded() + QChar(0x1f) + table.toCaseFolded();
                const auto first = seen.constFind(key);
                if (first != seen.constEnd())
                    check.error(namesPath + QStringLiteral(".tableName"), F::TableName,
                                QStringLiteral("%1.%2 is listed twice (also as table %3); table names are compared "
                                               "without regard to case.")
                                    .arg(textExcerpt(schema), textExcerpt(table))
                                    .arg(*first + 1),
                                int(i));
                else
                    seen.insert(key, i);
            }
        }
    }
    return check.problems;
}

QList<ValidationProblem> MirroringDefinition::restrictedChanges(const MirroringDefinition &before) const
{
    using F = ValidationProblem::Field;
    struct Restricted {
        Path path;
        const char *jsonPath;
        F field;
        const char *what;
    };
    static const Restricted restricted[] = {
        {{"properties", "source", "typeProperties", "connection"}, "properties.source.typeProperties.connection",
         F::Connection, "source connection"},
        {{"properties", "source", "typeProperties", "database"}, "properties.source.typeProperties.database",
         F::Database, "source database"},
        {{"properties", "target", "typeProperties", "defaultSchema"}, "properties.target.typeProperties.defaultSchema",
         F::DefaultSchema, "default schema"},
    };
    QList<ValidationProblem> problems;
    for (const Restricted &r : restricted) {
        const Json *now = find(r.path);
        const Json *then = before.find(r.path);
        const bool same = (!now && !then) || (now && then && *now == *then);
        if (!same)
            problems.append({QString::fromLatin1(r.jsonPath),
                             QStringLiteral("The %1 can be changed only while mirroring is stopped or has not "
                                            "started yet (status Initialized or Stopped).")
                                 .arg(QLatin1String(r.what)),
                             r.field, ValidationProblem::Severity::Error, -1});
    }
    return problems;
}

bool MirroringDefinition::allowsRestrictedChanges(const QString &mirroringStatus)
{
    return mirroringStatus == QLatin1String("Initialized") || mirroringStatus == QLatin1String("Stopped");
}

namespace {

// Splits one line into fields at \a separators outside "…" and […] quoting; quotes are removed
// ("" inside "…" and ]] inside […] stand for one character, as in CSV and SQL Server).
QStringList splitQuoted(const QString &line, const QString &separators, bool *ok)
{
    QStringList fields;
    QString current;
    bool quotedField = false;
    *ok = true;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if ((c == u'"' || c == u'[') && current.trimmed().isEmpty()) {
            const QChar close = c == u'"' ? u'"' : u']';
            current.clear();
            qsizetype j = i + 1;
            for (; j < line.size(); ++j) {
                if (line.at(j) == close) {
                    if (j + 1 < line.size() && line.at(j + 1) == close) {
                        current += close;
                        ++j;
                        continue;
                    }
                    break;
                }
                current += line.at(j);
            }
            if (j >= line.size()) {
                *ok = false;
                return {};
            }
            quotedField = true;
            i = j;
            continue;
        }
        if (separators.contains(c)) {
            fields.append(quotedField ? current : current.trimmed());
            current.clear();
            quotedField = false;
            continue;
        }
        if (quotedField) {
            if (!c.isSpace()) {
                *ok = false;
                return {};
            }
            continue;
        }
        current += c;
    }
    fields.append(quotedField ? current : current.trimmed());
    return fields;
}

} // namespace

QList<MountedTable> MirroringDefinition::parseTableList(const QString &text, QStringList *unreadable)
{
    QList<MountedTable> tables;
    const QStringList lines = text.split(QRegularExpression(QStringLiteral("\\r\\n|\\n|\\r")));
    bool first = true;
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        const bool header = first;
        first = false;
        // A tab, comma or semicolon outside quotes makes it a TSV/CSV row; otherwise a dotted name.
        bool ok = false;
        QStringList fields;
        for (const QString &separator : {QStringLiteral("\t"), QStringLiteral(","), QStringLiteral(";"), QStringLiteral(".")}) {
            fields = splitQuoted(line, separator, &ok);
            if (ok && fields.size() > 1)
                break;
        }
        if (header && fields.size() == 2) {
            const QString a = fields[0].toLower(), b = fields[1].toLower();
            if ((a == QLatin1String("schema") || a == QLatin1String("schemaname"))
                && (b == QLatin1String("table") || b == QLatin1String("tablename")))
                continue;
        }
        if (!ok || fields.size() != 2 || fields[0].isEmpty() || fields[1].isEmpty()) {
            if (unreadable)
                unreadable->append(line);
            continue;
        }
        tables.append({fields[0], fields[1]});
    }
    return tables;
}

bool MirroringDefinition::hasErrors(const QList<ValidationProblem> &problems)
{
    return std::any_of(problems.begin(), problems.end(), [](const ValidationProblem &p) { return p.isError(); });
}

} // namespace fmc
