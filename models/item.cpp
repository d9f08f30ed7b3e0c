#include "item.h"

#include "models/jsonfields.h"

namespace fmc {

void Item::readItemFields(FieldReader &fields)
{
    id = fields.string("id", Need::Required);
    displayName = fields.string("displayName");
    description = fields.string("description");
    type = fields.string("type");
    workspaceId = fields.string("workspaceId");
    folderId = fields.string("folderId");
    tags = fields.array<ObjectRef>("tags");
    sensitivityLabel = fields.object<ObjectRef>("sensitivityLabel");
}

void Item::writeItemFields(Json &json) const
{
    putString(json, "id", id);
    putString(json, "displayName", displayName);
    putString(json, "description", description);
    putString(json, "type", type);
    putString(json, "workspaceId", workspaceId);
    putString(json, "folderId", folderId);
    putArray(json, "tags", tags);
    putObject(json, "sensitivityLabel", sensitivityLabel);
}

std::optional<Item> Item::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    Item item;
    item.readItemFields(fields);
    if (!fields.ok())
        return std::nullopt;
    item.extra = fields.extra();
    return item;
}

Json Item::toJson() const
{
    Json json = Json::object();
    writeItemFields(json);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
