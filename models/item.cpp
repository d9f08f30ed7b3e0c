#include "item.h"

#include "models/jsonfields.h"

namespace fmc {

// The fields of every item, read and written by this one list (in this order).
constexpr auto kItemFields = [](auto &fields, auto &value) {
    fields.field("id", value.id, Need::Required);
    fields.field("displayName", value.displayName);
    fields.field("description", value.description);
    fields.field("type", value.type);
    fields.field("workspaceId", value.workspaceId);
    fields.field("folderId", value.folderId);
    fields.field("tags", value.tags);
    fields.field("sensitivityLabel", value.sensitivityLabel);
};

void Item::itemFields(FieldReader &fields)
{
    kItemFields(fields, *this);
}

void Item::itemFields(FieldWriter &fields) const
{
    kItemFields(fields, *this);
}

std::optional<Item> Item::fromJson(const Json &json, QString *error)
{
    return readFields<Item>(json, error, kItemFields);
}

Json Item::toJson() const
{
    return writeFields(*this, kItemFields);
}

} // namespace fmc
