#include "mirroreddatabaseproperties.h"

#include "models/jsonfields.h"

namespace fmc {

// The fields of MirroredDatabaseProperties, read and written by this one list (in this order).
constexpr auto kMirroredDatabasePropertiesFields = [](auto &fields, auto &value) {
    fields.field("oneLakeTablesPath", value.oneLakeTablesPath);
    fields.field("sqlEndpointProperties", value.sqlEndpointProperties);
    fields.field("defaultSchema", value.defaultSchema);
};

std::optional<MirroredDatabaseProperties> MirroredDatabaseProperties::fromJson(const Json &json, QString *error)
{
    return readFields<MirroredDatabaseProperties>(json, error, kMirroredDatabasePropertiesFields);
}

Json MirroredDatabaseProperties::toJson() const
{
    return writeFields(*this, kMirroredDatabasePropertiesFields);
}

} // namespace fmc
