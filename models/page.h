#pragma once

#include "models/jsonfields.h"

#include <QList>
#include <QString>

#include <optional>

namespace fmc {

//! \brief One page of a paged answer (`PaginatedResponse`, docs/fabric-api-notes.md#paging).
//!
//! Items come from `value` (most lists) or `data` (tables mirroring status); `itemsKey` records
//! which, so toJson() writes the same. A null continuation field means the same as an absent one.
template <typename T>
struct Page
{
    QList<T> items;
    const char *itemsKey = "value";
    QString continuationToken; //!< Null or empty: no more pages.
    QString continuationUri;
    Json extra;

    bool hasMore() const { return !continuationToken.isEmpty() || !continuationUri.isEmpty(); }

    static std::optional<Page> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
};

template <typename T>
std::optional<Page<T>> Page<T>::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    Page page;
    if (json.is_object()) {
        const auto data = json.find("data");
        if (data != json.end() && !data->is_null())
            page.itemsKey = "data";
    }
    page.items = fields.array<T>(page.itemsKey, Need::Required);
    page.continuationToken = fields.string("continuationToken");
    page.continuationUri = fields.string("continuationUri");
    if (!fields.ok())
        return std::nullopt;
    page.extra = fields.extra();
    return page;
}

template <typename T>
Json Page<T>::toJson() const
{
    Json json = Json::object();
    putArray(json, itemsKey, items, true);
    putString(json, "continuationToken", continuationToken);
    putString(json, "continuationUri", continuationUri);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
