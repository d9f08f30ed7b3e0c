#include "catalogentry.h"

#include "models/jsonfields.h"

namespace fmc {

constexpr auto kCatalogWorkspaceFields = [](auto &fields, auto &value) {
    fields.field("id", value.id);
    fields.field("displayName", value.displayName);
};

constexpr auto kCatalogHierarchyFields = [](auto &fields, auto &value) {
    fields.field("workspace", value.workspace);
};

constexpr auto kCatalogEntryFields = [](auto &fields, auto &value) {
    fields.field("id", value.id, Need::Required);
    fields.field("type", value.type, Need::Required);
    fields.field("catalogEntryType", value.catalogEntryType, Need::Required);
    fields.field("displayName", value.displayName, Need::Required);
    fields.field("description", value.description);
    fields.field("hierarchy", value.hierarchy);
};

std::optional<CatalogEntry::Workspace> CatalogEntry::Workspace::fromJson(const Json &json, QString *error)
{
    return readFields<CatalogEntry::Workspace>(json, error, kCatalogWorkspaceFields);
}

Json CatalogEntry::Workspace::toJson() const
{
    return writeFields(*this, kCatalogWorkspaceFields);
}

std::optional<CatalogEntry::Hierarchy> CatalogEntry::Hierarchy::fromJson(const Json &json, QString *error)
{
    return readFields<CatalogEntry::Hierarchy>(json, error, kCatalogHierarchyFields);
}

Json CatalogEntry::Hierarchy::toJson() const
{
    return writeFields(*this, kCatalogHierarchyFields);
}

std::optional<CatalogEntry> CatalogEntry::fromJson(const Json &json, QString *error)
{
    return readFields<CatalogEntry>(json, error, kCatalogEntryFields);
}

Json CatalogEntry::toJson() const
{
    return writeFields(*this, kCatalogEntryFields);
}

QString CatalogEntry::workspaceId() const
{
    return hierarchy && hierarchy->workspace ? hierarchy->workspace->id : QString();
}

QString CatalogEntry::workspaceName() const
{
    return hierarchy && hierarchy->workspace ? hierarchy->workspace->displayName : QString();
}

} // namespace fmc
