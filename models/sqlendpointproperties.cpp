#include "sqlendpointproperties.h"

#include "models/jsonfields.h"

namespace fmc {

// The fields of SqlEndpointProperties, read and written by this one list (in this order).
constexpr auto kSqlEndpointPropertiesFields = [](auto &fields, auto &value) {
    fields.field("id", value.id);
    fields.field("connectionString", value.connectionString);
    // Required by the spec, but an endpoint without it is still worth showing.
    fields.field("provisioningStatus", value.provisioningStatus);
};

std::optional<SqlEndpointProperties> SqlEndpointProperties::fromJson(const Json &json, QString *error)
{
    return readFields<SqlEndpointProperties>(json, error, kSqlEndpointPropertiesFields);
}

Json SqlEndpointProperties::toJson() const
{
    return writeFields(*this, kSqlEndpointPropertiesFields);
}

} // namespace fmc
