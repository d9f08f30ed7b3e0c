#include "mirroredcatalog.h"

#include "models/jsonfields.h"

namespace fmc {

constexpr auto kPropertiesFields = [](auto &fields, auto &value) {
    fields.field("sourceType", value.sourceType);
    fields.field("connectionId", value.connectionId);
    fields.field("oneLakeTablesPath", value.oneLakeTablesPath);
    fields.field("sqlEndpointProperties", value.sqlEndpointProperties);
};

// The item fields, then properties.
constexpr auto kMirroredCatalogFields = [](auto &fields, auto &value) {
    value.itemFields(fields);
    fields.field("properties", value.properties);
};

std::optional<MirroredCatalog::Properties> MirroredCatalog::Properties::fromJson(const Json &json, QString *error)
{
    return readFields<Properties>(json, error, kPropertiesFields);
}

Json MirroredCatalog::Properties::toJson() const
{
    return writeFields(*this, kPropertiesFields);
}

std::optional<MirroredCatalog> MirroredCatalog::fromJson(const Json &json, QString *error)
{
    return readFields<MirroredCatalog>(json, error, kMirroredCatalogFields);
}

Json MirroredCatalog::toJson() const
{
    return writeFields(*this, kMirroredCatalogFields);
}

} // namespace fmc
