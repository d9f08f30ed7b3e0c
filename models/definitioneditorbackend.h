#pragma once

#include "models/connection.h"
#include "models/definitiondiff.h"
#include "models/itemdefinition.h"
#include "models/mirroringdefinition.h"
#include "models/tablemirroringstatus.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace fmc {

class TableSelectionModel;

//! One connection the user may pick as the source (from `GET /v1/connections`).
struct ConnectionChoice {
    QString id;          //!< GUID, what the definition stores
    QString displayName;
    QString type;        //!< connection type, e.g. "SQL"
    QString path;        //!< connectionDetails.path, e.g. the server name
    //! "displayName (type): path", what the chooser's list shows.
    QString label() const;
    //! "displayName (type)", what the chooser's box shows once picked (the path goes below it).
    QString shortLabel() const;
};

//! \brief The definition editor's form: its state, without any widget, disk or network.
//!
//! Holds a MirroringDefinition plus the item's name and description, validates as values change
//! and derives the previews (pretty `mirroring.json`, Base64 payload, request body). The editor
//! window only binds widgets to it; the app core makes the network calls
//! (DefinitionEditorService), keeps the drafts (DraftStore) and opens and saves files
//! (DefinitionFiles).
//!
//! Its signals say which part changed, so that a keystroke in one field refreshes only what
//! depends on it: identityChanged() (name, description), sourceChanged() (everything under
//! `properties.source` and whether it is locked), tablesChanged() (mirror all, the selection, the
//! counter), targetChanged() (everything under `properties.target`). After any of them come
//! validationChanged() when the problems changed and previewsChanged() once; the previews are
//! computed on the first read after a change and cached until the next.
class DefinitionEditorBackend : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Mode mode READ mode NOTIFY modeChanged)
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY identityChanged)
    Q_PROPERTY(QString description READ description WRITE setDescription NOTIFY identityChanged)
    Q_PROPERTY(QString sourceType READ sourceType WRITE setSourceType NOTIFY sourceChanged)
    Q_PROPERTY(QString connection READ connection WRITE setConnection NOTIFY sourceChanged)
    Q_PROPERTY(QString database READ database WRITE setDatabase NOTIFY sourceChanged)
    Q_PROPERTY(QString sapSubType READ sapSubType WRITE setSapSubType NOTIFY sourceChanged)
    Q_PROPERTY(QString mirroringStatus READ mirroringStatus WRITE setMirroringStatus NOTIFY sourceChanged)
    Q_PROPERTY(bool sourceLocked READ sourceLocked NOTIFY sourceChanged)
    Q_PROPERTY(QString lockReason READ lockReason NOTIFY sourceChanged)
    Q_PROPERTY(QString defaultSchema READ defaultSchema WRITE setDefaultSchema NOTIFY targetChanged)
    Q_PROPERTY(int retentionInDays READ retentionInDays WRITE setRetentionInDays NOTIFY targetChanged)
    Q_PROPERTY(bool changeDataFeed READ changeDataFeed WRITE setChangeDataFeed NOTIFY targetChanged)
    Q_PROPERTY(bool mirrorAll READ mirrorAll WRITE setMirrorAll NOTIFY tablesChanged)
    Q_PROPERTY(QString tableCounter READ tableCounter NOTIFY tablesChanged)
    Q_PROPERTY(bool canApply READ canApply NOTIFY validationChanged)
    Q_PROPERTY(QStringList blockingReasons READ blockingReasons NOTIFY validationChanged)
    Q_PROPERTY(QString previewJson READ previewJson NOTIFY previewsChanged)
    Q_PROPERTY(QString previewPayload READ previewPayload NOTIFY previewsChanged)
    Q_PROPERTY(QString previewRequestBody READ previewRequestBody NOTIFY previewsChanged)
    Q_PROPERTY(bool dirty READ isDirty NOTIFY dirtyChanged)
    Q_PROPERTY(QString filePath READ filePath NOTIFY filePathChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
public:
    //! Create a mirrored database, edit one on the service, or edit a `mirroring.json` file.
    enum class Mode { Create, Edit, Offline };
    Q_ENUM(Mode)

    //! The editor's own fields, beyond those MirroringDefinition validates.
    enum class ExtraField { Name = 100, Description };

    //! \brief Builds the body of the request Apply sends, for the preview. The app core installs
    //! the request classes' own builders (DefinitionEditorService::requestBody), which this layer
    //! cannot name; without one the preview of the request body is empty.
    using RequestBodyBuilder = std::function<Json(const DefinitionEditorBackend &)>;

    explicit DefinitionEditorBackend(Mode mode = Mode::Create, QObject *parent = nullptr);
    ~DefinitionEditorBackend() override;

    Mode mode() const { return m_mode; }
    //! The tables list; its checked rows are `mountedTables` (when mirrorAll() is false).
    TableSelectionModel *tables() const { return m_tables; }
    //! The definition as edited.
    const MirroringDefinition &definition() const { return m_definition; }

    //! \name Edit mode: the item being edited and its current status.
    //!@{
    //! Starts editing the item \a itemId of workspace \a workspaceId (mode Edit), with its name.
    void beginEdit(const QString &workspaceId, const QString &itemId, const QString &name,
                   const QString &description = {});
    QString workspaceId() const { return m_workspaceId; }
    //! Create mode: the workspace the new mirrored database goes into.
    void setWorkspaceId(const QString &workspaceId) { m_workspaceId = workspaceId; }
    //! The workspace's name, once known (empty before): what the editor says it creates into.
    QString workspaceName() const { return m_workspaceName; }
    void setWorkspaceName(const QString &name);
    QString itemId() const { return m_itemId; }
    //! \brief Takes the definition getDefinition returned (the body or the bare definition).
    //! Parts other than `mirroring.json` are kept for the update. False and lastError() on a bad one.
    bool loadItemDefinition(const Json &definitionOrBody);
    //! The database's status (MirroringStatus), which decides whether the source can change.
    QString mirroringStatus() const { return m_status; }
    void setMirroringStatus(const QString &status);
    //! \brief True when connection, database and default schema may not change now: the service
    //! takes them only while Initialized or Stopped (docs/fabric-api-notes.md#restricted-fields).
    bool sourceLocked() const;
    //! Why the source fields are read-only, for the user; empty when they are not.
    QString lockReason() const;
    //!@}

    //! \brief Replaces the definition being edited (e.g. a sample).
    void setDefinition(const MirroringDefinition &definition);
    //! \brief Takes back edits kept elsewhere (a draft): the name, description and definition
    //! replace the form's, as if the user had typed them (the form becomes dirty).
    void restoreEdits(const QString &name, const QString &description, const MirroringDefinition &definition);

    QString name() const { return m_name; }
    void setName(const QString &name);
    QString description() const { return m_description; }
    void setDescription(const QString &description);
    QString sourceType() const { return m_definition.sourceType(); }
    void setSourceType(const QString &type);
    QString connection() const { return m_definition.connection(); }
    void setConnection(const QString &connection);
    QString database() const { return m_definition.database(); }
    void setDatabase(const QString &database);
    QString defaultSchema() const { return m_definition.defaultSchema(); }
    void setDefaultSchema(const QString &schema);
    //! The retention shown (MirroringDefinition::shownRetentionInDays(): 7 when absent).
    int retentionInDays() const { return m_definition.shownRetentionInDays(); }
    //! Writes `retentionInDays` (even out of range: validation then says what is wrong).
    void setRetentionInDays(int days);
    //! \brief Takes the retention as typed: a whole number is set (setRetentionInDays()); any
    //! other text ("2.5", "") is refused with an error on the retention field that keeps Apply
    //! disabled, and the definition keeps its value. Nothing typed becomes another number.
    void setRetentionText(const QString &text);
    //! The text setRetentionText() refused, if the last one was refused.
    std::optional<QString> refusedRetentionText() const { return m_refusedRetention; }
    bool changeDataFeed() const { return m_definition.enableDeltaChangeDataFeed().value_or(false); }
    //! Writes `enableDeltaChangeDataFeed`; false removes it when it was absent before.
    void setChangeDataFeed(bool enable);
    bool mirrorAll() const { return m_definition.mirrorAll(); }
    void setMirrorAll(bool all);
    QString sapSubType() const { return m_definition.sapSubType(); }
    void setSapSubType(const QString &subType);
    std::optional<LandingZone> landingZone() const { return m_definition.landingZone(); }
    void setLandingZone(const std::optional<LandingZone> &zone);
    QList<ExternalStorage> externalStorages() const { return m_definition.externalStorages(); }
    void setExternalStorages(const QList<ExternalStorage> &storages);

    //! The connections the chooser offers (the app core fills them in when the list arrives).
    QList<ConnectionChoice> connectionChoices() const { return m_connectionChoices; }
    //! \brief The choices that fit the source type: the connections whose type the source uses
    //! (SQL for the SQL sources, PostgreSQL, Snowflake…), and the one the definition names. All of
    //! them while no source type is chosen, or for a source type whose connections are not known.
    QList<ConnectionChoice> connectionChoicesForSource() const;
    void setConnectionChoices(const QList<ConnectionChoice> &choices);
    //! The same from the connections list (`GET /v1/connections`).
    void setConnections(const QList<Connection> &connections);
    //! \brief The connection ID for what the user typed or picked: a choice's label or name, or
    //! the text itself (a GUID typed by hand, or something validation will flag).
    QString resolveConnection(const QString &text) const;

    //! \brief "Add the tables this database already mirrors": switches to a chosen list and adds
    //! the tables of \a statuses checked (up to the limit). Returns what was added, for the user.
    QString addMirroredTables(const QList<TableMirroringStatus> &statuses);

    //! The table limits per source type (configurable in the settings).
    DefinitionLimits limits() const { return m_limits; }
    void setLimits(const DefinitionLimits &limits);
    //! "3 / 500 tables selected" (or "All tables" when mirroring all data).
    QString tableCounter() const;

    //! \name Validation
    //!@{
    //! Every problem: the definition's and the editor's own (name), errors and warnings.
    QList<ValidationProblem> problems() const { return m_problems; }
    //! The messages for \a field (a ValidationProblem::Field or an ExtraField), errors first,
    //! one per line; empty when the field is fine.
    QString fieldMessage(int field) const { return fieldMessage(QList<int>{field}); }
    //! The messages for any of \a fields (one form row), errors of all of them first.
    QString fieldMessage(const QList<int> &fields) const;
    //! True when \a field has at least one error (not only warnings).
    bool fieldHasError(int field) const { return fieldHasError(QList<int>{field}); }
    bool fieldHasError(const QList<int> &fields) const;
    //! False while anything is invalid.
    bool canApply() const { return blockingReasons().isEmpty(); }
    //! The error messages that keep Apply disabled.
    QStringList blockingReasons() const;
    //!@}

    //! \name What Apply sends, and its previews
    //!@{
    //! The definition Apply sends: in edit mode the parts as loaded with the edited
    //! `mirroring.json` and without `.platform`; otherwise the `mirroring.json` part alone.
    ItemDefinition itemDefinition() const;
    //! Installs the builder of previewRequestBody() (see RequestBodyBuilder).
    void setRequestBodyBuilder(RequestBodyBuilder builder);
    QString previewJson() const { return previews().json; }
    //! The Base64 payload of the `mirroring.json` part.
    QString previewPayload() const { return previews().payload; }
    //! The body of the request Apply sends, pretty-printed, as the request class builds it.
    QString previewRequestBody() const { return previews().requestBody; }
    //! \brief A line diff of the definition as loaded and as edited: lines prefixed with "  ",
    //! "- " or "+ " (DefinitionDiff::unifiedText()).
    QString diffText() const;
    //! \brief The diff before Apply, side by side (DefinitionDiff::rows()). A definition the
    //! service returned on one line is compared laid out one member per line.
    QList<DiffRow> diffRows() const;
    //! What Apply changes, in words: "2 tables removed: dbo.a, dbo.b; retention 7 → 14 days".
    QString changeSummary() const;
    //! \brief False in edit mode while the definition is as loaded: Apply would send the same
    //! document again. Always true when creating or editing a file.
    bool hasChanges() const;
    //! The definition text as loaded (or empty for a new one).
    QString originalText() const { return QString::fromUtf8(m_originalBytes); }
    //! The definition text as edited (MirroringDefinition::toJsonBytes(), kept once per change).
    const QByteArray &definitionBytes() const { return m_definitionBytes; }
    //!@}

    //! \name Unsaved changes
    //!@{
    bool isDirty() const { return m_savedState != savedState(); }
    //! Marks the current state as saved (after a successful apply or save); emits saved().
    void markSaved();
    //! Reports \a message as lastError() (after a failed apply; the draft store keeps the draft).
    void markApplyFailed(const QString &message) { setLastError(message); }
    //!@}

    //! \name Offline mode: the `mirroring.json` file shown (opened and saved by DefinitionFiles)
    //!@{
    QString filePath() const { return m_filePath; }
    //! \brief Shows \a definition as read from \a path: mode Offline, nothing unsaved.
    void fileOpened(const QString &path, const MirroringDefinition &definition);
    //! \brief The form was written to \a path: it is the file shown now, nothing unsaved.
    void fileSaved(const QString &path);
    //!@}

    //! The last failure, as a sentence for the user.
    QString lastError() const { return m_lastError; }
    //! Reports a failure of something done for this form (a draft, a file).
    void setLastError(const QString &error);

signals:
    void modeChanged();
    //! The name or description changed.
    void identityChanged();
    //! A value under `properties.source` changed, or whether it may change (lock, status).
    void sourceChanged();
    //! Mirror all, the selection or the table limit changed.
    void tablesChanged();
    //! A value under `properties.target` changed.
    void targetChanged();
    //! problems(), canApply() and blockingReasons() changed.
    void validationChanged();
    //! The previews are out of date; they are computed again when next read.
    void previewsChanged();
    void dirtyChanged();
    void filePathChanged();
    void lastErrorChanged();
    void connectionChoicesChanged();
    //! The user changed the form (not a load): what a draft store saves.
    void edited();
    //! The state was applied or saved: a draft of it is no longer needed.
    void saved();

private:
    // Which signal groups a change touches (or-ed together); ModePart: the mode changed too.
    enum Part : unsigned { IdentityPart = 0x1, SourcePart = 0x2, TablesPart = 0x4, TargetPart = 0x8, AllParts = 0xf,
                           ModePart = 0x10 };
    using Parts = unsigned;

    struct Previews {
        QString json;
        QString payload;
        QString requestBody;
    };

    //! Brings validation, the previews and dirtiness up to date, then emits modeChanged() and the
    //! signals of \a parts,
    //! validationChanged() (when the problems differ), previewsChanged() and dirtyChanged().
    //! \a documentChanged false: only the status or limits changed, the document did not.
    void changed(Parts parts, bool byUser, bool documentChanged = true);
    void userEdit(Parts parts) { changed(parts, true); }
    void replaceDefinition(const MirroringDefinition &definition);
    void revalidate();
    void syncTablesFromDefinition();
    void syncDefinitionFromTables();
    //! Sets the mode; ModePart when it changed (for changed()), else nothing.
    Parts setMode(Mode mode);
    void recordSaved(Parts parts);
    void setOriginal(const QByteArray &bytes);
    const Previews &previews() const;
    QByteArray savedState() const;

    Mode m_mode;
    MirroringDefinition m_definition;
    std::optional<ItemDefinition> m_loadedItem;     // edit mode: the parts as getDefinition gave them
    QByteArray m_originalBytes;                     // mirroring.json as loaded or opened
    std::optional<MirroringDefinition> m_original;  // the same, parsed (none for a new document)
    QByteArray m_definitionBytes;                   // m_definition.toJsonBytes(), once per change
    QByteArray m_savedState;                        // to tell whether anything changed since
    QString m_name;
    QString m_description;
    QString m_workspaceId;
    QString m_workspaceName;
    QString m_itemId;
    QString m_status;
    QString m_filePath;
    QString m_lastError;
    DefinitionLimits m_limits;
    QList<ValidationProblem> m_problems;
    QList<ConnectionChoice> m_connectionChoices;
    TableSelectionModel *m_tables;
    RequestBodyBuilder m_requestBody;
    mutable std::optional<Previews> m_previews; // computed on the first read after a change
    std::optional<QString> m_refusedRetention;  // typed, not a whole number
    bool m_syncing = false;
    bool m_wasDirty = false;
};

} // namespace fmc
