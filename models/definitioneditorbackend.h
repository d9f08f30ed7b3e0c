#pragma once

#include "models/connection.h"
#include "models/itemdefinition.h"
#include "models/mirroringdefinition.h"
#include "models/tablemirroringstatus.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace fmc {

class TableSelectionModel;

//! One connection the user may pick as the source (from `GET /v1/connections`).
struct ConnectionChoice {
    QString id;          //!< GUID, what the definition stores
    QString displayName;
    QString type;        //!< connection type, e.g. "SQL"
    QString path;        //!< connectionDetails.path, e.g. the server name
    //! "displayName (type): path", what the chooser shows.
    QString label() const;
};

//! \brief The state of the definition editor, without any widget (STYLE.md practice 11).
//!
//! Holds a MirroringDefinition plus the item's name and description, validates as values change,
//! derives the preview (pretty `mirroring.json`, Base64 payload, request body), tracks unsaved
//! changes, autosaves a draft and reads and writes `mirroring.json` files. The editor window only
//! binds widgets to it; the network calls (create, getDefinition, updateDefinition) are made by
//! the app core with the bodies it builds.
class DefinitionEditorBackend : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Mode mode READ mode NOTIFY modeChanged)
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY changed)
    Q_PROPERTY(QString description READ description WRITE setDescription NOTIFY changed)
    Q_PROPERTY(QString sourceType READ sourceType WRITE setSourceType NOTIFY changed)
    Q_PROPERTY(QString connection READ connection WRITE setConnection NOTIFY changed)
    Q_PROPERTY(QString database READ database WRITE setDatabase NOTIFY changed)
    Q_PROPERTY(QString defaultSchema READ defaultSchema WRITE setDefaultSchema NOTIFY changed)
    Q_PROPERTY(int retentionInDays READ retentionInDays WRITE setRetentionInDays NOTIFY changed)
    Q_PROPERTY(bool changeDataFeed READ changeDataFeed WRITE setChangeDataFeed NOTIFY changed)
    Q_PROPERTY(bool mirrorAll READ mirrorAll WRITE setMirrorAll NOTIFY changed)
    Q_PROPERTY(QString sapSubType READ sapSubType WRITE setSapSubType NOTIFY changed)
    Q_PROPERTY(QString mirroringStatus READ mirroringStatus WRITE setMirroringStatus NOTIFY lockChanged)
    Q_PROPERTY(bool sourceLocked READ sourceLocked NOTIFY lockChanged)
    Q_PROPERTY(QString lockReason READ lockReason NOTIFY lockChanged)
    Q_PROPERTY(QString previewJson READ previewJson NOTIFY changed)
    Q_PROPERTY(QString previewPayload READ previewPayload NOTIFY changed)
    Q_PROPERTY(QString previewRequestBody READ previewRequestBody NOTIFY changed)
    Q_PROPERTY(bool dirty READ isDirty NOTIFY dirtyChanged)
    Q_PROPERTY(bool canApply READ canApply NOTIFY changed)
    Q_PROPERTY(QStringList blockingReasons READ blockingReasons NOTIFY changed)
    Q_PROPERTY(QString tableCounter READ tableCounter NOTIFY changed)
    Q_PROPERTY(QString filePath READ filePath NOTIFY filePathChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
public:
    //! Create a mirrored database, edit one on the service, or edit a `mirroring.json` file.
    enum class Mode { Create, Edit, Offline };
    Q_ENUM(Mode)

    //! The editor's own fields, beyond those MirroringDefinition validates.
    enum class ExtraField { Name = 100, Description };

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
    QString itemId() const { return m_itemId; }
    //! \brief Takes the definition getDefinition returned (the body or the bare definition).
    //! Parts other than `mirroring.json` are kept for the update. False and lastError() on a bad one.
    bool loadItemDefinition(const Json &definitionOrBody);
    //! The database's status (MirroringStatus), which decides whether the source can change.
    QString mirroringStatus() const { return m_status; }
    void setMirroringStatus(const QString &status);
    //! True when connection, database and default schema may not change now (contract §9).
    bool sourceLocked() const;
    //! Why the source fields are read-only, for the user; empty when they are not.
    QString lockReason() const;
    //!@}

    //! \brief Replaces the definition being edited (e.g. a sample or a restored draft).
    void setDefinition(const MirroringDefinition &definition);

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
    //! The retention shown: the document's value, or 7 (the service's default) when absent.
    int retentionInDays() const;
    //! Writes `retentionInDays` (even out of range: validation then says what is wrong).
    void setRetentionInDays(int days);
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
    void setConnectionChoices(const QList<ConnectionChoice> &choices);
    //! The same from the connections list (`GET /v1/connections`).
    void setConnections(const QList<Connection> &connections);
    //! \brief The connection ID for what the user typed or picked: a choice's label or name, or
    //! the text itself (a GUID typed by hand, or something validation will flag).
    QString resolveConnection(const QString &text) const;

    //! \brief "Add the tables this database already mirrors": switches to a chosen list and adds
    //! the tables of \a statuses checked (up to the limit). Returns what was added, for the user.
    QString addMirroredTables(const QList<TableMirroringStatus> &statuses);

    //! The table limits per source type (contract §9: configurable).
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

    //! \name Preview and request bodies
    //!@{
    QString previewJson() const { return QString::fromUtf8(m_definition.toJsonBytes()); }
    //! The Base64 payload of the `mirroring.json` part.
    QString previewPayload() const;
    //! The body of the request Apply sends, pretty-printed.
    QString previewRequestBody() const;
    //! Create's body: `{displayName, description?, definition}`.
    Json createRequestBody() const;
    //! updateDefinition's body: `{definition}` with the `mirroring.json` part (never `.platform`).
    Json updateRequestBody() const;
    //! \brief A line diff of the definition as loaded and as edited (for the confirm step):
    //! lines prefixed with "  ", "- " or "+ ".
    QString diffText() const;
    //! The definition text as loaded (or empty for a new one).
    QString originalText() const { return QString::fromUtf8(m_originalBytes); }
    //!@}

    //! \name Unsaved changes
    //!@{
    bool isDirty() const;
    //! Marks the current state as saved (after a successful apply or save) and drops the draft.
    void markSaved();
    //! Keeps the draft and reports \a message as lastError() (after a failed apply).
    void markApplyFailed(const QString &message);
    //!@}

    //! \name Drafts: autosaved atomically while editing, offered back after a crash or failed apply.
    //!@{
    //! Where drafts live: AppDataLocation/drafts (override for tests).
    static QString draftDirectory();
    static void setDraftDirectoryForTesting(const QString &directory);
    //! The draft file for this editor (one per item, file or "new").
    QString draftPath() const;
    //! Delay between the first change not yet in the draft and the autosave.
    void setAutosaveDelay(int milliseconds) { m_autosave.setInterval(milliseconds); }
    //! Writes the draft now (QSaveFile: all or nothing). False and lastError() on failure.
    bool saveDraft();
    //! True when a draft for this editor exists and differs from what is shown.
    bool hasDraft() const;
    //! Loads the draft into the editor; false and lastError() when it cannot be read.
    bool restoreDraft();
    void discardDraft();
    //!@}

    //! \name Offline mode: `mirroring.json` files
    //!@{
    QString filePath() const { return m_filePath; }
    //! Opens \a path (mode Offline). False and a sentence in lastError() when it cannot.
    bool openFile(const QString &path);
    //! Saves to filePath(); false when there is none or writing fails.
    bool saveFile();
    bool saveFileAs(const QString &path);
    //!@}

    //! The last failure, as a sentence for the user.
    QString lastError() const { return m_lastError; }

signals:
    //! Any value, the validation or the preview changed.
    void changed();
    void modeChanged();
    void lockChanged();
    void dirtyChanged();
    void filePathChanged();
    void lastErrorChanged();
    void connectionChoicesChanged();

private:
    void edited();
    void revalidate();
    void syncTablesFromDefinition();
    void syncDefinitionFromTables();
    void setLastError(const QString &error);
    void setMode(Mode mode);
    QByteArray savedState() const;
    Json draftJson() const;

    Mode m_mode;
    MirroringDefinition m_definition;
    std::optional<ItemDefinition> m_loadedItem; // edit mode: the parts as getDefinition gave them
    QByteArray m_originalBytes;                 // mirroring.json as loaded or opened
    QByteArray m_savedState;                    // to tell whether anything changed since
    QString m_name;
    QString m_description;
    QString m_workspaceId;
    QString m_itemId;
    QString m_status;
    QString m_filePath;
    QString m_lastError;
    DefinitionLimits m_limits;
    QList<ValidationProblem> m_problems;
    QList<ConnectionChoice> m_connectionChoices;
    TableSelectionModel *m_tables;
    QTimer m_autosave;
    bool m_syncing = false;
    bool m_wasDirty = false;
};

} // namespace fmc
