#include "jsonfields.h"

#include "models/utcdatetime.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace fmc {

namespace {

// A detail that already starts with a JSON path ("metrics.processedRows: …", "[2]: …") gets the
// parent's key prepended; any other sentence gets "key: " in front.
QString prefixPath(const QString &segment, const QString &detail)
{
    const qsizetype colon = detail.indexOf(QLatin1String(": "));
    const qsizetype space = detail.indexOf(QLatin1Char(' '));
    const bool hasPath = colon > 0 && (space < 0 || space > colon);
    if (!hasPath)
        return segment + QLatin1String(": ") + detail;
    if (detail.startsWith(QLatin1Char('[')))
        return segment + detail;
    return segment + QLatin1Char('.') + detail;
}

} // namespace

QString describeJsonValue(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return QStringLiteral("null");
    case Json::value_t::object:
        return QStringLiteral("an object");
    case Json::value_t::array:
        return QStringLiteral("an array");
    case Json::value_t::string: {
        QString text = toQString(value.get_ref<const std::string &>());
        if (text.size() > 40)
            text = text.left(40) + QStringLiteral("…");
        return QLatin1Char('"') + text + QLatin1Char('"');
    }
    case Json::value_t::boolean:
        return value.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return toQString(value.dump());
    }
}

FieldReader::FieldReader(const Json &value, QString *error)
    : m_json(value)
    , m_error(error)
{
    if (!value.is_object()) {
        m_ok = false;
        if (m_error)
            *m_error = QStringLiteral("expected an object, found %1.").arg(describeJsonValue(value));
    }
}

void FieldReader::fail(const QString &pathSegment, const QString &detail)
{
    if (!m_ok)
        return; // the first failure is the one worth reading
    m_ok = false;
    if (m_error)
        *m_error = prefixPath(pathSegment, detail);
}

void FieldReader::fail(const char *key, const QString &detail)
{
    fail(QLatin1String(key), detail);
}

const Json *FieldReader::find(const char *key, Need need)
{
    if (!m_json.is_object())
        return nullptr;
    const auto it = m_json.find(key);
    if (it == m_json.end() || it->is_null()) {
        if (need == Need::Required)
            fail(key, QStringLiteral("the required field is missing."));
        return nullptr;
    }
    return &*it;
}

void FieldReader::markKnown(const char *key)
{
    if (m_knownCount < m_known.size())
        m_known[m_knownCount++] = key;
}

void FieldReader::wrongType(const char *key, Need need, const char *expected, const Json &found)
{
    if (need == Need::Required)
        fail(key, QStringLiteral("expected %1, found %2.").arg(QLatin1String(expected), describeJsonValue(found)));
}

QString FieldReader::string(const char *key, Need need)
{
    const Json *value = find(key, need);
    if (!value)
        return {};
    if (!value->is_string()) {
        wrongType(key, need, "a text", *value);
        return {};
    }
    markKnown(key);
    return toQString(value->get_ref<const std::string &>());
}

std::optional<qint64> FieldReader::int64(const char *key, Need need)
{
    const Json *value = find(key, need);
    if (!value)
        return std::nullopt;
    std::optional<qint64> result;
    if (value->is_number_integer()) {
    // Unsigned values above the int64 range are not whole numbers we can keep exactly.
        if (value->is_number_unsigned()
            && value->get<std::uint64_t>() > std::uint64_t(std::numeric_limits<qint64>::max()))
            result = std::nullopt;
        else
            result = value->get<qint64>();
    } else if (value->is_number_float()) {
    // Some servers write counters as 1.0e3; accept them when they are whole and in range.
        const double number = value->get<double>();
        if (std::isfinite(number) && number == std::floor(number) && std::fabs(number) < 9.2e18)
            result = qint64(number);
    }
    if (!result) {
        wrongType(key, need, "a whole number", *value);
        return std::nullopt;
    }
    markKnown(key);
    return result;
}

std::optional<int> FieldReader::int32(const char *key, Need need)
{
    // Read without marking, then range-check, so an out-of-range value stays in extra().
    const size_t knownBefore = m_knownCount;
    const std::optional<qint64> wide = int64(key, need);
    if (!wide)
        return std::nullopt;
    if (*wide < std::numeric_limits<int>::min() || *wide > std::numeric_limits<int>::max()) {
        m_knownCount = knownBefore;
        wrongType(key, need, "a 32-bit whole number", *find(key, need));
        return std::nullopt;
    }
    return int(*wide);
}

std::optional<bool> FieldReader::boolean(const char *key, Need need)
{
    const Json *value = find(key, need);
    if (!value)
        return std::nullopt;
    if (!value->is_boolean()) {
        wrongType(key, need, "true or false", *value);
        return std::nullopt;
    }
    markKnown(key);
    return value->get<bool>();
}

QDateTime FieldReader::dateTime(const char *key, Need need)
{
    const Json *value = find(key, need);
    if (!value)
        return {};
    QDateTime result;
    if (value->is_string())
        result = parseUtcDateTime(std::string_view(value->get_ref<const std::string &>()));
    if (!result.isValid()) {
        wrongType(key, need, "a date and time (ISO 8601)", *value);
        return {};
    }
    markKnown(key);
    return result;
}

Json FieldReader::extra() const
{
    // Null, not an empty object, when everything is known: no allocation per decoded table.
    Json result;
    if (!m_json.is_object())
        return result;
    for (auto it = m_json.begin(); it != m_json.end(); ++it) {
        const std::string &key = it.key();
        bool known = false;
        for (size_t i = 0; i < m_knownCount && !known; ++i)
            known = key == m_known[i];
        if (!known)
            result[key] = it.value();
    }
    return result;
}

void FieldWriter::field(const char *key, const QString &value, Need)
{
    putString(m_json, key, value);
}

void FieldWriter::field(const char *key, std::optional<qint64> value, Need)
{
    putInt(m_json, key, value);
}

void FieldWriter::field(const char *key, std::optional<int> value, Need)
{
    putInt(m_json, key, value);
}

void FieldWriter::field(const char *key, std::optional<bool> value, Need)
{
    putBool(m_json, key, value);
}

void FieldWriter::field(const char *key, const QDateTime &value, Need)
{
    putDateTime(m_json, key, value);
}

Json FieldWriter::take(const Json &extra)
{
    putExtra(m_json, extra);
    return std::move(m_json);
}

void putString(Json &object, const char *key, const QString &value)
{
    if (!value.isNull())
        object[key] = toStdString(value);
}

void putInt(Json &object, const char *key, std::optional<qint64> value)
{
    if (value)
        object[key] = *value;
}

void putBool(Json &object, const char *key, std::optional<bool> value)
{
    if (value)
        object[key] = *value;
}

void putDateTime(Json &object, const char *key, const QDateTime &value)
{
    putString(object, key, formatUtcDateTime(value));
}

void putExtra(Json &object, const Json &extra)
{
    if (!extra.is_object())
        return;
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (!object.contains(it.key()))
            object[it.key()] = it.value();
    }
}

} // namespace fmc
