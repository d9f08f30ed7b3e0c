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
    // The 13 documented values; a connection is needed by all but GenericMirror and SAP, a database
    // only by Snowflake and CosmosDb (docs/fabric-api-notes.md#source-types, #mirroring-json).
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

// validate() as a table of rules. Each rule names the JSON path it looks at ("[]" stands for each
// entry of a list), what it checks, how bad a failure is, the editor field that shows it and the
// sentence the user reads. The rules run in table order, so problems come in that order; the
// rules of one list's entries run entry by entry. What the service requires is summarised in
// docs/fabric-api-notes.md#mirroring-json.

using Severity = ValidationProblem::Severity;
using Field = ValidationProblem::Field;

// What the rules need to know about the whole document.
struct Facts {
    explicit Facts(const Json &document) : doc(document) {}

    const Json &doc;
    std::optional<SourceTypeInfo> source; // the documented source type the document names, if any
    QString sourceName;                   // its display name, or "this"
    int maxTables = 0;
    QHash<QString, int> tablesSeen; // case-folded schema and table name → first entry
};

// What a check looks at: the value at the rule's path (nullptr when the path leads nowhere).
struct Subject {
    const Json *value;
    const Json *parent; // the object holding the value; nullptr when the path leads nowhere
    const std::string &key;
    int entry; // the list entry, or -1
    Facts &facts;
};

// What a check found: whether the rule failed, whether the rules at and under its path still
// apply, and the values the sentence quotes ({name} in the sentence).
struct Finding {
    bool failed = false;
    bool skipsBelow = false;
    QList<std::pair<QString, QString>> values = {};
};

using Check = std::function<Finding(const Subject &)>;

struct Rule {
    Rule(const char *path, Check check, Severity severity, Field field, const char *sentence)
        : path(QString::fromLatin1(path)), check(std::move(check)), severity(severity), field(field), sentence(sentence)
    {
        for (const QString &step : this->path.split(QLatin1Char('.'))) {
            if (step.endsWith(QLatin1String("[]"))) {
                steps.push_back(step.chopped(2).toStdString());
                listSteps = steps.size();
                steps.push_back({}); // an entry of the list
            } else {
                steps.push_back(step.toStdString());
            }
        }
    }

    // The path as the user reads it, with the entry's index in place of "[]".
    QString pathFor(int entry) const
    {
        return inList() ? QString(path).replace(QLatin1String("[]"), QStringLiteral("[%1]").arg(entry)) : path;
    }
    bool inList() const { return listSteps > 0; }
    bool sameList(const Rule &other) const
    {
        return inList() && listSteps == other.listSteps
            && std::equal(steps.begin(), steps.begin() + listSteps, other.steps.begin());
    }

    QString path;                   // dotted, "[]" for a list entry
    std::vector<std::string> steps; // its keys; an empty one for "[]"
    size_t listSteps = 0;           // how many steps lead to the list whose entries "[]" stands for
    Check check;
    Severity severity;
    Field field;
    const char *sentence;
};

// The value at \a steps under \a doc ("[]" taking \a entry), and the object or list holding it.
std::pair<const Json *, const Json *> resolve(const Json &doc, const std::vector<std::string> &steps, int entry)
{
    const Json *parent = nullptr;
    const Json *current = &doc;
    for (const std::string &step : steps) {
        parent = current;
        if (step.empty()) {
            current = current->is_array() && entry >= 0 && size_t(entry) < current->size() ? &(*current)[entry]
                                                                                               : nullptr;
        } else if (current->is_object()) {
            const auto it = current->find(step);
            current = it == current->end() ? nullptr : &*it;
        } else {
            current = nullptr;
        }
        if (!current)
            return {nullptr, nullptr};
    }
    return {current, parent};
}

QString textOf(const Json *value)
{
    return value && value->is_string() ? toQString(value->get<std::string>()) : QString();
}

// Whether textOf(value) is empty or white space only, without converting the usual non-blank name.
bool blankText(const Json *value)
{
    if (!value || !value->is_string())
        return true;
    const std::string &text = value->get_ref<const std::string &>();
    if (!text.empty() && text.front() > ' ' && text.front() < 0x7f)
        return false; // starts with a visible ASCII character
    return textOf(value).trimmed().isEmpty();
}

// Parts of the document (source, target, landing zone…): a null one counts as left out.
bool leftOut(const Json *value) { return !value || value->is_null(); }

// The part must be there; when it is not, nothing under it is checked.
Finding present(const Subject &s) { return {leftOut(s.value), leftOut(s.value)}; }

// SAP's landing zone: required for SAP, and checked field by field only there. Other sources may
// carry a landingZone of their own shape (other Fabric tools write {"type": "MountedRelationalDatabase"}
// for Azure SQL); it is kept as it is, unchecked, since no document describes it.
Finding landingZoneForSap(const Subject &s)
{
    const bool sap = s.facts.source && s.facts.source->usesLandingZone;
    return {sap && leftOut(s.value), !sap || leftOut(s.value)};
}

// When there, the part must be an object; nothing under one that is not is checked.
Finding object(const Subject &s)
{
    const bool wrong = !leftOut(s.value) && !s.value->is_object();
    return {wrong, wrong};
}

// The part must be an object (missing counts as wrong); nothing under it is checked otherwise.
Finding requiredObject(const Subject &s)
{
    const bool wrong = !s.value || !s.value->is_object();
    return {wrong, wrong};
}

// When there, the part should be an object; one that is not counts as empty, so the rules for its
// members still say what is missing.
Finding objectOrEmpty(const Subject &s) { return {!leftOut(s.value) && !s.value->is_object()}; }

// When there, the part must be a list (its entries are checked only then).
Finding list(const Subject &s) { return {!leftOut(s.value) && !s.value->is_array()}; }

// Only a missing key may stand for "no list": `mountedTables: null` is not "mirror all data".
Finding listUnlessMissing(const Subject &s) { return {s.value && !s.value->is_array()}; }

// The document's parts were written at the top, outside the "properties" wrapper.
Finding outsideProperties(const Subject &s)
{
    const bool outside = leftOut(s.value) && (s.facts.doc.contains("source") || s.facts.doc.contains("target"));
    return {outside, outside};
}

// When there, the value must be text (null is not).
Finding text(const Subject &s)
{
    if (!s.value || s.value->is_string())
        return {};
    return {true, false, {{QStringLiteral("key"), QString::fromStdString(s.key)}}};
}

// The text must be there and not blank (a value that is not text was reported by text()).
Finding required(const Subject &s)
{
    return {(!s.value || s.value->is_string()) && blankText(s.value)};
}

// Like required(), but only for sources of a kind with \a need.
Check requiredFor(bool SourceTypeInfo::*need)
{
    return [need](const Subject &s) {
        const bool needed = s.facts.source && (*s.facts.source).*need;
        return Finding{needed && required(s).failed};
    };
}

// When there, the text must not be blank.
Finding notBlank(const Subject &s) { return {s.value && s.value->is_string() && required(s).failed}; }

// Text that is there must be a GUID.
Finding guid(const Subject &s)
{
    const QString value = textOf(s.value);
    if (value.isEmpty() || isGuid(value))
        return {};
    return {true, false, {{QStringLiteral("value"), textExcerpt(value)}}};
}

// Text that is there must be \a expected, the only value the service supports.
Check equalTo(const char *expected)
{
    return [expected](const Subject &s) {
        const QString value = textOf(s.value);
        return Finding{!value.trimmed().isEmpty() && value != QLatin1String(expected)};
    };
}

// A source type this version does not know is kept: "additional source types may be added".
Finding documentedSourceType(const Subject &s)
{
    const QString type = textOf(s.value);
    if (type.trimmed().isEmpty() || s.facts.source)
        return {};
    return {true, false, {{QStringLiteral("value"), textExcerpt(type)}}};
}

Finding storagesUsedBySource(const Subject &s)
{
    return {s.value && s.value->is_array() && s.facts.source && !s.facts.source->usesExternalStorages};
}

// When there, a whole number of days from 1 to 30.
Finding retention(const Subject &s)
{
    if (!s.value)
        return {};
    const Json &days = *s.value;
    bool inRange = false;
    if (days.is_number_unsigned())
        inRange = days.get<std::uint64_t>() >= 1 && days.get<std::uint64_t>() <= 30;
    else if (days.is_number_integer())
        inRange = days.get<std::int64_t>() >= 1 && days.get<std::int64_t>() <= 30;
    if (inRange)
        return {};
    return {true, false, {{QStringLiteral("value"), textExcerpt(toQString(days.dump()))}}};
}

// When there, true or false.
Finding boolean(const Subject &s) { return {s.value && !s.value->is_boolean()}; }

Finding notEmpty(const Subject &s) { return {s.value && s.value->is_array() && s.value->empty()}; }

Finding withinTableLimit(const Subject &s)
{
    if (!s.value || !s.value->is_array() || s.value->size() <= size_t(s.facts.maxTables))
        return {};
    return {true, false,
            {{QStringLiteral("count"), QString::number(s.value->size())},
             {QStringLiteral("limit"), QString::number(s.facts.maxTables)}}};
}

// A table entry is {"source": {"typeProperties": {...}}}; nothing else of a malformed one is checked.
Finding tableEntry(const Subject &s)
{
    const Json *names = s.value ? findIn(*s.value, {"source", "typeProperties"}) : nullptr;
    const bool wrong = !names || !names->is_object();
    return {wrong, wrong};
}

// SQL sources compare identifiers without case, so dbo.Orders and DBO.orders clash.
Finding listedOnce(const Subject &s)
{
    const QString table = textOf(s.value);
    if (table.trimmed().isEmpty())
        return {};
    const QString schema = s.parent ? textOf(findIn(*s.parent, {"schemaName"})) : QString();
    const QString key = schema.toCaseFolded() + QChar(0x1f) + table.toCaseFolded();
    const auto first = s.facts.tablesSeen.constFind(key);
    if (first == s.facts.tablesSeen.constEnd()) {
        s.facts.tablesSeen.insert(key, s.entry);
        return {};
    }
    return {true, false,
            {{QStringLiteral("schema"), textExcerpt(schema)},
             {QStringLiteral("table"), textExcerpt(table)},
             {QStringLiteral("first"), QString::number(*first + 1)}}};
}

const char *const kNotText = "“{key}” must be text.";
const char *const kNotAnId = "“{value}” is not an ID: it must be a GUID such as a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1.";
const char *const kTargetType = "The target type must be MountedRelationalDatabase, the only one the service supports.";
const char *const kFormat = "The target format must be Delta, the only one the service supports.";

const std::vector<Rule> &definitionRules()
{
    constexpr Severity E = Severity::Error;
    constexpr Severity W = Severity::Warning;
    static const std::vector<Rule> rules = {
        {"properties", object, E, Field::Document, "“properties” must be an object."},
        {"properties", outsideProperties, E, Field::Document,
         "The source and target must be inside a “properties” object, as in the documentation's examples."},
        {"properties", present, E, Field::Document,
         "The definition has no “properties” object with a source and a target."},

        {"properties.source", present, E, Field::SourceType, "The definition has no source."},
        {"properties.source", object, E, Field::SourceType, "The source must be an object."},
        {"properties.source.type", text, E, Field::SourceType, kNotText},
        {"properties.source.type", required, E, Field::SourceType, "Choose a source type."},
        {"properties.source.type", documentedSourceType, W, Field::SourceType,
         "“{value}” is not a source type this version knows. It is kept as it is, but its required fields "
         "cannot be checked."},
        {"properties.source.typeProperties", objectOrEmpty, E, Field::Document,
         "The source's “typeProperties” must be an object."},
        {"properties.source.typeProperties.connection", text, E, Field::Connection, kNotText},
        {"properties.source.typeProperties.connection", requiredFor(&SourceTypeInfo::needsConnection), E,
         Field::Connection, "{asource} source needs a connection. Pick one of your connections or paste its ID."},
        {"properties.source.typeProperties.connection", guid, E, Field::Connection, kNotAnId},
        {"properties.source.typeProperties.database", text, E, Field::Database, kNotText},
        {"properties.source.typeProperties.database", requiredFor(&SourceTypeInfo::needsDatabase), E, Field::Database,
         "{asource} source needs the name of the source database."},

        {"properties.source.typeProperties.externalStorages", list, E, Field::ExternalStorages,
         "External storages must be a list."},
        {"properties.source.typeProperties.externalStorages", storagesUsedBySource, W, Field::ExternalStorages,
         "Only Snowflake sources use external storages; {asource} source may ignore them."},
        {"properties.source.typeProperties.externalStorages[]", requiredObject, E, Field::ExternalStorages,
         "External storage {n} must be an object."},
        {"properties.source.typeProperties.externalStorages[].type", text, E, Field::ExternalStorageType, kNotText},
        {"properties.source.typeProperties.externalStorages[].type", required, E, Field::ExternalStorageType,
         "External storage {n} needs a type, such as AmazonS3."},
        {"properties.source.typeProperties.externalStorages[].typeProperties.connection", text, E,
         Field::ExternalStorageConnection, kNotText},
        {"properties.source.typeProperties.externalStorages[].typeProperties.connection", required, E,
         Field::ExternalStorageConnection, "External storage {n} needs the ID of its connection."},
        {"properties.source.typeProperties.externalStorages[].typeProperties.connection", guid, E,
         Field::ExternalStorageConnection, kNotAnId},

        {"properties.source.typeProperties.subType", text, E, Field::SapSubType, kNotText},

        {"properties.source.typeProperties.landingZone", landingZoneForSap, E,
         Field::LandingZone, "An SAP source needs a landing zone: the lakehouse folder its replication flow writes to."},
        {"properties.source.typeProperties.landingZone", object, E, Field::LandingZone,
         "The landing zone must be an object."},
        {"properties.source.typeProperties.landingZone.type", text, E, Field::LandingZoneType, kNotText},
        {"properties.source.typeProperties.landingZone.type", required, E, Field::LandingZoneType,
         "The landing zone needs a type, such as Lakehouse."},
        {"properties.source.typeProperties.landingZone.typeProperties.connection", text, E,
         Field::LandingZoneConnection, kNotText},
        {"properties.source.typeProperties.landingZone.typeProperties.connection", required, E,
         Field::LandingZoneConnection, "The landing zone needs the ID of its connection."},
        {"properties.source.typeProperties.landingZone.typeProperties.connection", guid, E,
         Field::LandingZoneConnection, kNotAnId},
        {"properties.source.typeProperties.landingZone.typeProperties.workspaceId", text, E,
         Field::LandingZoneWorkspaceId, kNotText},
        {"properties.source.typeProperties.landingZone.typeProperties.workspaceId", required, E,
         Field::LandingZoneWorkspaceId, "The landing zone needs the ID of the workspace that holds it."},
        {"properties.source.typeProperties.landingZone.typeProperties.workspaceId", guid, E,
         Field::LandingZoneWorkspaceId, kNotAnId},
        {"properties.source.typeProperties.landingZone.typeProperties.artifactId", text, E,
         Field::LandingZoneArtifactId, kNotText},
        {"properties.source.typeProperties.landingZone.typeProperties.artifactId", required, E,
         Field::LandingZoneArtifactId, "The landing zone needs the ID of its lakehouse."},
        {"properties.source.typeProperties.landingZone.typeProperties.artifactId", guid, E,
         Field::LandingZoneArtifactId, kNotAnId},
        {"properties.source.typeProperties.landingZone.typeProperties.rootFolder", text, E,
         Field::LandingZoneRootFolder, kNotText},
        {"properties.source.typeProperties.landingZone.typeProperties.rootFolder", required, E,
         Field::LandingZoneRootFolder, "The landing zone needs its root folder, such as Files/sap."},

        {"properties.target", present, E, Field::Target, "The definition has no target."},
        {"properties.target", object, E, Field::Target, "The target must be an object."},
        {"properties.target.type", text, E, Field::TargetType, kNotText},
        {"properties.target.type", required, E, Field::TargetType, kTargetType},
        {"properties.target.type", equalTo(kMirroredTarget), E, Field::TargetType, kTargetType},
        {"properties.target.typeProperties", requiredObject, E, Field::Format,
         "The target needs “typeProperties” with the format Delta."},
        {"properties.target.typeProperties.format", text, E, Field::Format, kNotText},
        {"properties.target.typeProperties.format", required, E, Field::Format, kFormat},
        {"properties.target.typeProperties.format", equalTo(kDelta), E, Field::Format, kFormat},
        {"properties.target.typeProperties.defaultSchema", text, E, Field::DefaultSchema, kNotText},
        {"properties.target.typeProperties.defaultSchema", notBlank, E, Field::DefaultSchema,
         "The default schema is blank. Enter a schema name or leave it unset."},
        {"properties.target.typeProperties.retentionInDays", retention, E, Field::RetentionInDays,
         "Retention is {value}; it must be a whole number of days from 1 to 30 (the service keeps 7 days when it is "
         "not set)."},
        {"properties.target.typeProperties.enableDeltaChangeDataFeed", boolean, E, Field::EnableDeltaChangeDataFeed,
         "Delta change data feed must be true or false."},

        {"properties.mountedTables", listUnlessMissing, E, Field::MountedTables,
         "“mountedTables” must be a list of tables; leave it out to mirror all data."},
        {"properties.mountedTables", notEmpty, W, Field::MountedTables,
         "No tables are selected, so nothing will be mirrored. Choose “Mirror all data” to mirror every table."},
        {"properties.mountedTables", withinTableLimit, E, Field::MountedTables,
         "{count} tables are selected; {asource} mirrored database can mirror at most {limit}."},
        {"properties.mountedTables[]", tableEntry, E, Field::MountedTables,
         "Table {n} must be {\"source\": {\"typeProperties\": {\"schemaName\", \"tableName\"}}}."},
        {"properties.mountedTables[].source.typeProperties.schemaName", text, E, Field::TableSchemaName, kNotText},
        {"properties.mountedTables[].source.typeProperties.schemaName", required, E, Field::TableSchemaName,
         "Table {n} has no schema name."},
        {"properties.mountedTables[].source.typeProperties.tableName", text, E, Field::TableName, kNotText},
        {"properties.mountedTables[].source.typeProperties.tableName", required, E, Field::TableName,
         "Table {n} has no table name."},
        {"properties.mountedTables[].source.typeProperties.tableName", listedOnce, E, Field::TableName,
         "{schema}.{table} is listed twice (also as table {first}); table names are compared without regard to "
         "case."},
    };
    return rules;
}

// \a sentence with each {name} replaced by its value, in one pass (values are never re-read).
// Braces around anything but a lower-case name are text.
QString fill(const char *sentence, const QList<std::pair<QString, QString>> &values)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([a-z]+)\\}"));
    const QString text = QString::fromUtf8(sentence);
    QString result;
    qsizetype done = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const auto value = std::find_if(values.begin(), values.end(),
                                        [&](const auto &v) { return v.first == match.capturedView(1); });
        if (value == values.end())
            continue;
        result += QStringView(text).mid(done, match.capturedStart() - done);
        result += value->second;
        done = match.capturedEnd();
    }
    result += QStringView(text).mid(done);
    return result;
}

// "an Azure SQL Database", "a Snowflake": the article goes by the sound of the name, and SAP is
// read letter by letter ("an SAP"); "SQL Server" follows Microsoft's "a SQL Server".
QString withArticle(const QString &name)
{
    const bool vowel = !name.isEmpty() && QStringLiteral("AEIOUaeiou").contains(name.at(0));
    const bool an = vowel || name.startsWith(QLatin1String("SAP"));
    return (an ? QStringLiteral("an ") : QStringLiteral("a ")) + name;
}

// A path whose rules no longer apply: that of a rule whose check said so (for one list entry, or
// for all when \a entry is -1), and everything under it.
struct Skipped {
    QString path;
    int entry;
};

bool isSkipped(const Rule &rule, int entry, const QList<Skipped> &skipped)
{
    return std::any_of(skipped.begin(), skipped.end(), [&](const Skipped &s) {
        const QString &path = rule.path;
        return (s.entry < 0 || s.entry == entry) && path.startsWith(s.path)
            && (path.size() == s.path.size() || path.at(s.path.size()) == QLatin1Char('.')
                || path.at(s.path.size()) == QLatin1Char('['));
    });
}

// Applies \a rule (to list entry \a entry, or -1); a failure becomes a problem.
void apply(const Rule &rule, int entry, Facts &facts, QList<Skipped> &skipped, QList<ValidationProblem> &problems)
{
    if (isSkipped(rule, entry, skipped))
        return;
    const auto [value, parent] = resolve(facts.doc, rule.steps, entry);
    Finding finding = rule.check(Subject{value, parent, rule.steps.back(), entry, facts});
    if (finding.skipsBelow)
        skipped.append({rule.path, entry});
    if (!finding.failed)
        return;
    finding.values.append({QStringLiteral("source"), facts.sourceName});
    finding.values.append({QStringLiteral("asource"), facts.source ? withArticle(facts.sourceName) : facts.sourceName});
    if (entry >= 0)
        finding.values.append({QStringLiteral("n"), QString::number(entry + 1)});
    QString sentence = fill(rule.sentence, finding.values);
    if (qstrncmp(rule.sentence, "{asource}", 9) == 0)
        sentence[0] = sentence.at(0).toUpper();
    problems.append({rule.pathFor(entry), sentence, rule.field, rule.severity, entry});
}

} // namespace

QList<ValidationProblem> MirroringDefinition::validate(const DefinitionLimits &limits) const
{
    Facts facts(m_doc);
    const QString sourceType = stringAt({"properties", "source", "type"});
    if (!sourceType.trimmed().isEmpty())
        facts.source = sourceTypeInfo(sourceType);
    facts.sourceName = facts.source ? facts.source->displayName : QStringLiteral("this");
    facts.maxTables = limits.maxTables(sourceType);

    QList<ValidationProblem> problems;
    QList<Skipped> skipped;
    const std::vector<Rule> &rules = definitionRules();
    for (size_t first = 0; first < rules.size();) {
        size_t end = first + 1;
        if (!rules[first].inList()) {
            apply(rules[first], -1, facts, skipped, problems);
        } else {
            // The rules for one list's entries run entry by entry.
            while (end < rules.size() && rules[end].sameList(rules[first]))
                ++end;
            const std::vector<std::string> listSteps(rules[first].steps.begin(),
                                                     rules[first].steps.begin() + rules[first].listSteps);
            const Json *list = resolve(m_doc, listSteps, -1).first;
            const int entries = list && list->is_array() ? int(list->size()) : 0;
            for (int entry = 0; entry < entries; ++entry) {
                const qsizetype skippedBefore = skipped.size();
                for (size_t r = first; r < end; ++r)
                    apply(rules[r], entry, facts, skipped, problems);
                skipped.resize(skippedBefore); // an entry's skips concern only that entry
            }
        }
        first = end;
    }
    return problems;
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
