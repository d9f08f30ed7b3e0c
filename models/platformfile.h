#pragma once

#include "models/json.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace fmc {

//! \brief The `.platform` file of a Fabric Git integration item folder (schema
//! `fabric/gitIntegration/platformProperties/2.0.0`, docs/git-folder-format.md):
//! `{"$schema", "metadata": {type, displayName, description?}, "config": {version, logicalId}}`.
//!
//! Keeps the bytes it was read from: toBytes() returns them unchanged until a setter changes a
//! value, and fields this version does not know (2.1.0's `sensitivityLabelId`, anything a later
//! schema or another tool adds) are kept in either case.
class PlatformFile
{
public:
    static constexpr const char *MirroredDatabaseType = "MirroredDatabase";
    static constexpr const char *SchemaUrl =
        "https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json";

    //! \brief Reads \a bytes; std::nullopt with a sentence when they are not a JSON object with
    //! `metadata.type` and `metadata.displayName` as text (the schema's required fields a folder
    //! cannot be imported without). A missing `config` or `logicalId` is allowed: Fabric assigns one.
    static std::optional<PlatformFile> fromBytes(const QByteArray &bytes, QString *error = nullptr);
    //! A new file for a mirrored database, in the layout Fabric writes (two spaces, schema 2.0.0).
    static PlatformFile create(const QString &displayName, const QString &description, const QString &logicalId);

    QString type() const;
    QString displayName() const;
    QString description() const;
    QString logicalId() const;
    QString configVersion() const;

    //! Each setter changes only its value; equal values leave the bytes as they were.
    void setDisplayName(const QString &name);
    //! An empty \a description removes the key.
    void setDescription(const QString &description);
    void setLogicalId(const QString &logicalId);

    //! The bytes read, or (after a change) the document in Fabric's layout.
    QByteArray toBytes() const;
    const Json &json() const { return m_json; }

    //! Whether \a id is the zero GUID getDefinition may carry before Git has assigned one.
    static bool isUnassigned(const QString &id);

private:
    void set(const char *object, const char *key, const QString &value);

    Json m_json = Json::object();
    QByteArray m_bytes; // as read; empty once changed
};

} // namespace fmc
