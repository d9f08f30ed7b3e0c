#include "sqldatabase.h"

#include "models/jsonfields.h"

namespace fmc {

constexpr auto kPropertiesFields = [](auto &fields, auto &value) {
    fields.field("connectionString", value.connectionString);
    fields.field("databaseName", value.databaseName);
    fields.field("serverFqdn", value.serverFqdn);
};

// The item fields, then properties.
constexpr auto kSqlDatabaseFields = [](auto &fields, auto &value) {
    value.itemFields(fields);
    fields.field("properties", value.properties);
};

std::optional<SqlDatabase::Properties> SqlDatabase::Properties::fromJson(const Json &json, QString *error)
{
    return readFields<Properties>(json, error, kPropertiesFields);
}

Json SqlDatabase::Properties::toJson() const
{
    return writeFields(*this, kPropertiesFields);
}

std::optional<SqlDatabase> SqlDatabase::fromJson(const Json &json, QString *error)
{
    return readFields<SqlDatabase>(json, error, kSqlDatabaseFields);
}

Json SqlDatabase::toJson() const
{
    return writeFields(*this, kSqlDatabaseFields);
}

} // namespace fmc
