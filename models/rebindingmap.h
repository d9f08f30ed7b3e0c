#pragma once

#include "models/json.h"
#include "models/mirroringdefinition.h"

#include <QString>

#include <optional>

namespace fmc {

//! One value to replace when a definition moves to another environment: \a from (as in the
//! source) becomes \a to (as the target needs it). Empty \a to keeps the source's value.
struct Rebinding {
    QString from;
    QString to;
    bool changes() const { return !to.isEmpty() && to != from; }
    bool operator==(const Rebinding &other) const = default;
};

//! \brief What promote rewrites in a definition on its way from a source to a target (issue #21):
//! the source connection id, the source database, the target default schema and the display name.
//! Saved per source/target pair and as a JSON file a team shares; exported as a fabric-cicd
//! `parameter.yml` (FabricCicdParameters).
struct RebindingMap {
    Rebinding connection;
    Rebinding database;
    Rebinding defaultSchema;
    Rebinding displayName;

    //! The map that keeps everything of \a definition named \a name (each `from` filled, each `to` empty).
    static RebindingMap identity(const MirroringDefinition &definition, const QString &name);
    //! \a definition with every changing rebinding applied (other fields and key order kept).
    MirroringDefinition apply(const MirroringDefinition &definition) const;
    //! The display name to use on the target.
    QString targetName() const { return displayName.changes() ? displayName.to : displayName.from; }

    //! `{"format": "fmc-rebinding-map", "version": 1, "connection": {"from", "to"}, ...}`.
    Json toJson() const;
    //! Reads toJson()'s shape; fails with a sentence on another format, version or a non-string value.
    static std::optional<RebindingMap> fromJson(const Json &json, QString *error = nullptr);

    bool operator==(const RebindingMap &other) const = default;
};

} // namespace fmc
