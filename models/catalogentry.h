#pragma once

#include "models/json.h"

#include <QString>

#include <optional>

namespace fmc {

//! \brief One result of `POST /catalog/search` (`ItemCatalogEntry`, platform catalog.json): an
//! item the caller can see anywhere in the tenant, with the workspace it is in.
//!
//! `type` and `catalogEntryType` are kept as text: both enums grow ("may be added over time").
struct CatalogEntry
{
    //! `hierarchy.workspace`: the immediate ancestor that holds the item.
    struct Workspace {
        QString id;
        QString displayName;
        Json extra;

        static std::optional<Workspace> fromJson(const Json &json, QString *error = nullptr);
        Json toJson() const;
        bool operator==(const Workspace &) const = default;
    };
    //! `hierarchy`: only the levels that apply are sent.
    struct Hierarchy {
        std::optional<Workspace> workspace;
        Json extra;

        static std::optional<Hierarchy> fromJson(const Json &json, QString *error = nullptr);
        Json toJson() const;
        bool operator==(const Hierarchy &) const = default;
    };

    QString id;
    QString displayName;
    QString catalogEntryType;
    QString description;
    QString type;
    std::optional<Hierarchy> hierarchy;
    Json extra;

    //! The id of the workspace that holds the item, empty when the service did not say.
    QString workspaceId() const;
    QString workspaceName() const;

    static std::optional<CatalogEntry> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const CatalogEntry &) const = default;
};

} // namespace fmc
