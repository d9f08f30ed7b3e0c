#pragma once

#include "models/item.h"

#include <optional>

namespace fmc {

//! \brief A Fabric SQL database item (`SQLDatabase` = `Item` + `properties`). Its mirroring to
//! OneLake can be started and stopped, but the API has no call that says whether it runs.
struct SqlDatabase : Item
{
    //! `SQLDatabaseProperties`; restore points, collation and anything newer stay in `extra`.
    struct Properties
    {
        QString connectionString;
        QString databaseName;
        QString serverFqdn;
        Json extra;

        static std::optional<Properties> fromJson(const Json &json, QString *error = nullptr);
        Json toJson() const;
        bool operator==(const Properties &) const = default;
    };
    std::optional<Properties> properties; //!< Absent in the generic item list.

    static std::optional<SqlDatabase> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const SqlDatabase &) const = default;
};

} // namespace fmc
