#pragma once

#include "models/json.h"

#include <QString>

#include <optional>

namespace fmc {

//! \brief A small `{id, displayName}` reference: an item or workspace tag (`ItemTag`), or a
//! `sensitivityLabel` (which has only `id`).
struct ObjectRef
{
    QString id;
    QString displayName;
    Json extra; //!< Fields this version does not know; written back by toJson().

    static std::optional<ObjectRef> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const ObjectRef &) const = default;
};

} // namespace fmc
