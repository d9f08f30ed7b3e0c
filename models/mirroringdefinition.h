#pragma once

#include "models/json.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace fmc {

//! One documented value of `properties.source.type`, with what the docs say it needs.
struct SourceTypeInfo {
    QString type;        //!< the JSON value, e.g. "AzureSqlDatabase"
    QString displayName; //!< what the user reads, e.g. "Azure SQL Database"
    bool needsConnection = true;   //!< false only for GenericMirror and SAP
    bool needsDatabase = false;    //!< true only for Snowflake and CosmosDb
    bool usesExternalStorages = false; //!< Snowflake
    bool usesLandingZone = false;  //!< SAP (with subType)
};

//! One entry of `mountedTables`: `{source:{typeProperties:{schemaName, tableName}}}`.
struct MountedTable {
    QString schemaName;
    QString tableName;
    bool operator==(const MountedTable &other) const = default;
};

//! One entry of Snowflake's `externalStorages`: `{type, typeProperties:{connection}}`.
struct ExternalStorage {
    QString type;       //!< e.g. "AmazonS3"
    QString connection; //!< connection id (GUID)
    bool operator==(const ExternalStorage &other) const = default;
};

//! SAP's `landingZone`: `{type, typeProperties:{connection, workspaceId, artifactId, rootFolder}}`.
struct LandingZone {
    QString type; //!< e.g. "Lakehouse"
    QString connection;
    QString workspaceId;
    QString artifactId;
    QString rootFolder; //!< e.g. "Files/test"
    bool operator==(const LandingZone &other) const = default;
};

//! Table limits per source type. The docs give 500 for Azure SQL/MI/PostgreSQL/SQL Server and
//! 1,000 for Snowflake (docs/fabric-api-notes.md#table-limits), so the default is 500 with
//! Snowflake at 1,000; the settings may change them.
struct DefinitionLimits {
    int defaultMaxTables = 500;
    QHash<QString, int> maxTablesBySourceType = {{QStringLiteral("Snowflake"), 1000}};

    //! The table limit for \a sourceType.
    int maxTables(const QString &sourceType) const { return maxTablesBySourceType.value(sourceType, defaultMaxTables); }
};

//! One finding of MirroringDefinition::validate().
struct ValidationProblem {
    //! Errors block saving to the service; warnings are shown but allowed (e.g. an unknown source
    //! type, which is kept because "additional source types may be added over time").
    enum class Severity { Error, Warning };
    //! Which editor field the problem belongs to.
    enum class Field {
        Document, SourceType, Connection, Database, ExternalStorages, ExternalStorageType,
        ExternalStorageConnection, SapSubType, LandingZone, LandingZoneType, LandingZoneConnection,
        LandingZoneWorkspaceId, LandingZoneArtifactId, LandingZoneRootFolder, Target, TargetType,
        DefaultSchema, Format, RetentionInDays, EnableDeltaChangeDataFeed, MountedTables,
        TableSchemaName, TableName
    };

    QString jsonPath; //!< e.g. "properties.mountedTables[3].source.typeProperties.tableName"
    QString message;  //!< a sentence for the user
    Field field = Field::Document;
    Severity severity = Severity::Error;
    int index = -1; //!< row in mountedTables or externalStorages, else -1

    bool isError() const { return severity == Severity::Error; }
    bool operator==(const ValidationProblem &other) const = default;
};

//! \brief The `mirroring.json` document behind the definition editor, usable without any UI.
//!
//! Holds the whole JSON document, so fields it does not know survive, and the bytes it was
//! loaded from: toJsonBytes() returns them unchanged when nothing was edited, and otherwise
//! rewrites only the edited values in the file's own indentation (see DefinitionText).
//! Setters with an empty text (or std::nullopt) remove the key. Missing keys are added in the
//! documented order, whatever order the setters are called in.
class MirroringDefinition
{
public:
    //! A new document: target `MountedRelationalDatabase` with format `Delta`, no source type yet,
    //! all tables mirrored. Saved with four-space indentation.
    MirroringDefinition();

    //! \brief Parses `mirroring.json` bytes (UTF-8 JSON, an object at the top).
    //! Returns std::nullopt and a sentence in \a error when the bytes are not such a document.
    //! A document that parses but breaks the rules is accepted: see validate().
    static std::optional<MirroringDefinition> fromJsonBytes(const QByteArray &utf8, QString *error = nullptr);
    //! \brief The document as bytes: the loaded bytes when unchanged, else minimally patched.
    QByteArray toJsonBytes() const;

    //! The whole document (read-only; use the setters to change it).
    const Json &document() const { return m_doc; }
    //! True when the document differs from what was loaded (or from the new skeleton).
    bool isModified() const { return m_doc != m_loaded; }

    //! The 13 documented source types, in the docs' alphabetical order.
    static const QList<SourceTypeInfo> &knownSourceTypes();
    //! The entry for \a type, or std::nullopt when the type is not documented.
    static std::optional<SourceTypeInfo> sourceTypeInfo(const QString &type);

    QString sourceType() const;
    void setSourceType(const QString &type);
    QString connection() const;
    void setConnection(const QString &connectionId);
    QString database() const;
    void setDatabase(const QString &database);
    QList<ExternalStorage> externalStorages() const;
    //! An empty list removes `externalStorages`; existing entries are updated in place.
    void setExternalStorages(const QList<ExternalStorage> &storages);
    QString sapSubType() const;
    void setSapSubType(const QString &subType);
    std::optional<LandingZone> landingZone() const;
    //! std::nullopt removes `landingZone`; empty members remove their key.
    void setLandingZone(const std::optional<LandingZone> &zone);

    QString targetType() const;
    void setTargetType(const QString &type);
    QString defaultSchema() const;
    void setDefaultSchema(const QString &schema);
    QString format() const;
    void setFormat(const QString &format);
    //! What the service keeps when `retentionInDays` is absent.
    static constexpr int DefaultRetentionInDays = 7;
    //! std::nullopt when absent (the service then keeps 7 days) or not a whole number.
    std::optional<int> retentionInDays() const;
    //! \brief The retention a form shows: the value, DefaultRetentionInDays when absent, the whole
    //! part of a fraction and 0 for anything not a number, so that a bad value from a file stays
    //! visible next to validate()'s message instead of turning into the default.
    int shownRetentionInDays() const;
    void setRetentionInDays(std::optional<int> days);
    std::optional<bool> enableDeltaChangeDataFeed() const;
    void setEnableDeltaChangeDataFeed(std::optional<bool> enable);

    //! True when `mountedTables` is absent: all tables, and new tables are added automatically.
    bool mirrorAll() const;
    //! true removes `mountedTables`; false adds an empty list unless one is there.
    void setMirrorAll(bool all);
    QList<MountedTable> mountedTables() const;
    //! Sets `mountedTables` (an empty list stays an empty list, unlike setMirrorAll(true)).
    //! Entries with the same names as before keep their unknown fields; an entry at a position
    //! whose old table is gone is renamed in place.
    void setMountedTables(const QList<MountedTable> &tables);

    //! \brief Every problem of the document, each with its JSON path and a sentence for the user.
    QList<ValidationProblem> validate(const DefinitionLimits &limits = {}) const;
    //! True when \a problems contains at least one error (warnings do not count).
    static bool hasErrors(const QList<ValidationProblem> &problems);

    //! \brief The changes from \a before that the service accepts only while the mirroring status
    //! is `Initialized` or `Stopped` (docs/fabric-api-notes.md#restricted-fields): source
    //! connection, source database and target default schema. One error per changed field, with
    //! its path; empty when none changed.
    QList<ValidationProblem> restrictedChanges(const MirroringDefinition &before) const;
    //! True when \a mirroringStatus allows restrictedChanges() (`Initialized` or `Stopped`).
    static bool allowsRestrictedChanges(const QString &mirroringStatus);

    //! \brief Reads a pasted or imported list of tables, one per line: `schema.table`,
    //! `schema,table` or `schema<TAB>table` (CSV/TSV), with optional `"…"` or `[…]` quoting so a
    //! name may hold a dot or comma. Blank lines and a `schema,table` header are skipped; lines
    //! that are not a table are returned in \a unreadable (trimmed) and not in the result.
    static QList<MountedTable> parseTableList(const QString &text, QStringList *unreadable = nullptr);

private:
    const Json *find(std::initializer_list<const char *> path) const;
    QString stringAt(std::initializer_list<const char *> path) const;
    Json &object(std::initializer_list<const char *> path);
    void setValue(std::initializer_list<const char *> path, std::optional<Json> value);

    Json m_doc;
    Json m_loaded;            // the document as loaded, to tell whether it changed
    QByteArray m_loadedBytes; // empty for a new document
};

} // namespace fmc
