#pragma once

#include "models/json.h"
#include "models/sqlendpointproperties.h"

#include <QString>

#include <optional>

namespace fmc {

//! \brief `properties` of a mirrored database (docs/fabric-api-notes.md#items).
struct MirroredDatabaseProperties
{
    QString oneLakeTablesPath;
    std::optional<SqlEndpointProperties> sqlEndpointProperties;
    QString defaultSchema; //!< Only for databases whose definition enables a default schema.
    Json extra;

    static std::optional<MirroredDatabaseProperties> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const MirroredDatabaseProperties &) const = default;
};

} // namespace fmc
