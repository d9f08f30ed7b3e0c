#pragma once

#include "models/json.h"
#include "models/objectref.h"

#include <QList>
#include <QString>

#include <optional>

namespace fmc {

class FieldReader;
class FieldWriter;

//! \brief A Fabric item (`Item`, common definitions), as listed by `GET /workspaces/{ws}/items`
//! and returned by create; the base of MirroredDatabase.
//!
//! `type` is kept as text: the `ItemType` enum has dozens of values and grows monthly.
struct Item
{
    QString id;
    QString displayName;
    QString description;
    QString type;
    QString workspaceId;
    QString folderId;
    QList<ObjectRef> tags;
    std::optional<ObjectRef> sensitivityLabel;
    Json extra; //!< Fields this version does not know (e.g. defaultIdentity); written back.

    static std::optional<Item> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const Item &) const = default;

    //! The common item fields, for the codecs of the item types built on Item.
    void itemFields(FieldReader &fields);
    void itemFields(FieldWriter &fields) const;
};

} // namespace fmc
