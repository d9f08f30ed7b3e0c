#pragma once

#include "models/enumtext.h"
#include "models/json.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace fmc {

//! Whether a field must be present (and not null) for the object to be usable.
enum class Need { Optional, Required };

//! \brief Reads the fields of one JSON object for a codec, tolerantly.
//!
//! Every codec reads through this class so that the rules are the same everywhere: null counts
//! as absent; a missing Required field or a Required field of the wrong type is an error (the
//! first one wins, with its JSON path, e.g. `data[3].metrics.processedRows: expected a whole
//! number, found "abc".`); an Optional field of the wrong type is treated as absent and kept,
//! untouched, in extra(); every field the codec did not read is returned by extra(), so toJson()
//! can write unknown fields back.
class FieldReader
{
public:
    //! \a error (may be null) receives the sentence of the first failure.
    FieldReader(const Json &value, QString *error);

    //! False once anything failed (including \a value not being an object).
    bool ok() const { return m_ok; }

    QString string(const char *key, Need need = Need::Optional);
    std::optional<qint64> int64(const char *key, Need need = Need::Optional);
    std::optional<int> int32(const char *key, Need need = Need::Optional);
    std::optional<bool> boolean(const char *key, Need need = Need::Optional);
    //! See parseUtcDateTime(); an unparsable text is a wrong type.
    QDateTime dateTime(const char *key, Need need = Need::Optional);

    template <typename E>
    EnumText<E> enumText(const char *key, Need need = Need::Optional);

    //! A nested object decoded by `T::fromJson(const Json &, QString *)`.
    template <typename T>
    std::optional<T> object(const char *key, Need need = Need::Optional);

    //! An array of objects decoded by `T::fromJson`; one bad element fails the whole array.
    template <typename T>
    QList<T> array(const char *key, Need need = Need::Optional);

    // The same reads as overloads, so that one field list serves reading and writing (see
    // readFields() and writeFields()).
    void field(const char *key, QString &out, Need need = Need::Optional) { out = string(key, need); }
    void field(const char *key, std::optional<qint64> &out, Need need = Need::Optional) { out = int64(key, need); }
    void field(const char *key, std::optional<int> &out, Need need = Need::Optional) { out = int32(key, need); }
    void field(const char *key, std::optional<bool> &out, Need need = Need::Optional) { out = boolean(key, need); }
    void field(const char *key, QDateTime &out, Need need = Need::Optional) { out = dateTime(key, need); }
    template <typename E>
    void field(const char *key, EnumText<E> &out, Need need = Need::Optional) { out = enumText<E>(key, need); }
    template <typename T>
    void field(const char *key, std::optional<T> &out, Need need = Need::Optional) { out = object<T>(key, need); }
    template <typename T>
    void field(const char *key, QList<T> &out, Need need = Need::Optional) { out = array<T>(key, need); }

    //! Every field not read successfully, in document order (null when there is none).
    Json extra() const;

    //! Records a failure at \a key (the nested \a detail may carry its own path).
    void fail(const char *key, const QString &detail);
    void fail(const QString &pathSegment, const QString &detail);

private:
    // The value at \a key, or nullptr when absent/null (an error when Required).
    const Json *find(const char *key, Need need);
    void markKnown(const char *key);
    void wrongType(const char *key, Need need, const char *expected, const Json &found);

    const Json &m_json;
    QString *m_error;
    bool m_ok = true;
    // Keys read successfully; objects in the API have few fields, a flat array is cheapest.
    std::array<const char *, 32> m_known {};
    size_t m_knownCount = 0;
};

//! \brief The writing twin of FieldReader: absent values (null strings, empty optionals, invalid
//! dates, absent enums, empty lists) are not written; fields come out in the order given.
class FieldWriter
{
public:
    void field(const char *key, const QString &value, Need = Need::Optional);
    void field(const char *key, std::optional<qint64> value, Need = Need::Optional);
    void field(const char *key, std::optional<int> value, Need = Need::Optional);
    void field(const char *key, std::optional<bool> value, Need = Need::Optional);
    void field(const char *key, const QDateTime &value, Need = Need::Optional);
    template <typename E>
    void field(const char *key, const EnumText<E> &value, Need need = Need::Optional) { field(key, value.text, need); }
    template <typename T>
    void field(const char *key, const std::optional<T> &value, Need = Need::Optional);
    template <typename T>
    void field(const char *key, const QList<T> &value, Need = Need::Optional);

    //! The object written so far, followed by the fields of \a extra it does not have.
    Json take(const Json &extra);

private:
    Json m_json = Json::object();
};

//! \brief Decodes a T by reading the fields \a visit names (`visit(FieldReader &, T &)`), then
//! keeps every other field in `T::extra`.
template <typename T, typename Visit>
std::optional<T> readFields(const Json &json, QString *error, Visit visit)
{
    FieldReader fields(json, error);
    T value;
    visit(fields, value);
    if (!fields.ok())
        return std::nullopt;
    value.extra = fields.extra();
    return value;
}

//! \brief Encodes \a value with the same field list (`visit(FieldWriter &, const T &)`) and its extra.
template <typename T, typename Visit>
Json writeFields(const T &value, Visit visit)
{
    FieldWriter fields;
    visit(fields, value);
    return fields.take(value.extra);
}

//! A short description of a JSON value for error sentences, e.g. `"abc"`, `an array`.
QString describeJsonValue(const Json &value);

// Writers used by every toJson(): absent values (null strings, empty optionals, invalid
// dates, absent enums) are not written.
void putString(Json &object, const char *key, const QString &value);
void putInt(Json &object, const char *key, std::optional<qint64> value);
void putBool(Json &object, const char *key, std::optional<bool> value);
void putDateTime(Json &object, const char *key, const QDateTime &value);
//! Appends the fields of \a extra that \a object does not already have.
void putExtra(Json &object, const Json &extra);

template <typename E>
void putEnum(Json &object, const char *key, const EnumText<E> &value)
{
    putString(object, key, value.text);
}

template <typename T>
void putObject(Json &object, const char *key, const std::optional<T> &value)
{
    if (value)
        object[key] = value->toJson();
}

//! Writes \a values as an array; an empty list is written only when \a always (required arrays).
template <typename T>
void putArray(Json &object, const char *key, const QList<T> &values, bool always = false)
{
    if (values.isEmpty() && !always)
        return;
    Json array = Json::array();
    for (const T &value : values)
        array.push_back(value.toJson());
    object[key] = std::move(array);
}

template <typename T>
void FieldWriter::field(const char *key, const std::optional<T> &value, Need)
{
    putObject(m_json, key, value);
}

template <typename T>
void FieldWriter::field(const char *key, const QList<T> &value, Need)
{
    putArray(m_json, key, value);
}

template <typename E>
EnumText<E> FieldReader::enumText(const char *key, Need need)
{
    const Json *value = find(key, need);
    if (!value)
        return {};
    if (!value->is_string()) {
        wrongType(key, need, "a text", *value);
        return {};
    }
    markKnown(key);
    return EnumText<E>::fromText(value->template get_ref<const std::string &>());
}

template <typename T>
std::optional<T> FieldReader::object(const char *key, Need need)
{
    const Json *value = find(key, need);
    if (!value)
        return std::nullopt;
    QString detail;
    std::optional<T> decoded = T::fromJson(*value, &detail);
    if (!decoded) {
        if (need == Need::Required)
            fail(key, detail);
        return std::nullopt; // an optional part we cannot read stays in extra(), untouched
    }
    markKnown(key);
    return decoded;
}

template <typename T>
QList<T> FieldReader::array(const char *key, Need need)
{
    QList<T> result;
    const Json *value = find(key, need);
    if (!value)
        return result;
    if (!value->is_array()) {
        wrongType(key, need, "an array", *value);
        return result;
    }
    result.reserve(qsizetype(value->size()));
    QString detail;
    for (size_t i = 0; i < value->size(); ++i) {
        std::optional<T> decoded = T::fromJson((*value)[i], &detail);
        if (!decoded) {
            // One unreadable element fails the array: silently dropping a table (or workspace)
            // would show a wrong picture. Optional arrays stay in extra() instead.
            if (need == Need::Required)
                fail(QStringLiteral("%1[%2]").arg(QLatin1String(key)).arg(i), detail);
            return {};
        }
        result.append(std::move(*decoded));
    }
    markKnown(key);
    return result;
}

} // namespace fmc
