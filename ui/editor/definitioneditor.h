#pragma once

#include "models/definitioneditorbackend.h"

#include <QDialog>
#include <QHash>
#include <QPair>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSortFilterProxyModel;
class QTableView;
class QTabWidget;
class QWidget;

namespace fmc {

class DetailValue;
class DraftStore;
class WholeNumberSpinBox;

//! \brief The definition editor: a form over DefinitionEditorBackend.
//!
//! It only binds widgets: every value goes to the backend, which validates it and derives the
//! preview; the widgets show the backend's state back, with each field's problems under it. Each
//! of the backend's signal groups (identity, source, tables, target, validation, previews)
//! refreshes only the widgets that show it, so a keystroke re-reads one part of the form.
//! Drafts go to disk through a DraftStore, files through DefinitionFiles (both in app/editor/).
//! Apply emits applyRequested() (after the diff is confirmed in edit mode); whoever owns the
//! editor runs the request and reports with applyStarted(), applyProgress() and applyFinished().
class DefinitionEditor : public QDialog
{
    Q_OBJECT
public:
    //! Edits through \a backend (reparented to the editor).
    explicit DefinitionEditor(DefinitionEditorBackend *backend, QWidget *parent = nullptr);

    DefinitionEditorBackend *backend() const { return m_backend; }
    //! The drafts of the backend's form (autosave, restore, discard).
    DraftStore *drafts() const { return m_drafts; }

    //! \name Apply, as run by the owner
    //!@{
    void applyStarted();
    //! \a percent < 0 shows a busy bar.
    void applyProgress(int percent, const QString &text);
    //! Success marks the state saved and drops the draft; failure keeps the draft and says why.
    void applyFinished(bool ok, const QString &message);
    bool isApplying() const { return m_applying; }
    //!@}

    //! \name Loading (edit mode: getDefinition can take seconds), as run by the owner
    //!@{
    //! Disables the form and shows a busy bar with a Cancel button (which emits cancelRequested()).
    void loadStarted(const QString &text);
    //! \a percent < 0 shows a busy bar.
    void loadProgress(int percent, const QString &text);
    //! Enables the form again; after a failure it stays read-only (there is nothing to edit).
    void loadFinished(bool ok, const QString &message);
    bool isLoading() const { return m_loading; }
    //!@}

    //! Shows \a text in the status line (in red when \a error).
    void showStatus(const QString &text, bool error) { showMessage(text, error); }

    //! Offers the autosaved draft back, if there is one (call after the definition is loaded).
    void offerDraft();

signals:
    //! The user confirmed Apply (create, or update after the diff); the form is valid.
    void applyRequested();
    //! The user cancelled a running apply or load.
    void cancelRequested();
    //! The owner reports that a create (\a created) or an update of \a databaseId succeeded.
    void databaseSaved(const QString &workspaceId, const QString &databaseId, bool created);
    //! Edit mode: the user asked for the tables the database already mirrors; answer with
    //! DefinitionEditorBackend::addMirroredTables() once the tables status has arrived.
    void mirroredTablesRequested();

public slots:
    //! Closes, first asking when there are unsaved changes (the draft is kept then).
    void reject() override;

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct FieldRow {
        QWidget *editor = nullptr;
        QLabel *message = nullptr;
        QList<int> fields; // ValidationProblem::Field / ExtraField values shown here
    };

    QWidget *buildForm();
    QWidget *buildTables();
    QWidget *buildPreview();
    QLabel *addField(QGridLayout *form, const QString &label, QWidget *editor, QList<int> fields);
    void refresh();
    void refreshTitle();
    void refreshIdentity();
    void refreshSource();
    void refreshTables();
    void refreshTarget();
    void refreshPreviews();
    void refreshValidation();
    void refreshActions();
    void refreshConnections();
    void refreshVisibility();
    void showFieldMessages();
    void updateExternalStorage();
    void updateLandingZone();
    void requestApply();
    void confirmDiff();
    void focusFirstField();
    void pasteTables();
    void importTables();
    void openFile();
    void saveFileAs();
    void showMessage(const QString &text, bool error);
    void showBusy(const QString &text);

    DefinitionEditorBackend *m_backend;
    DraftStore *m_drafts;
    QList<FieldRow> m_rows;
    QHash<QWidget *, QPair<QWidget *, QWidget *>> m_formRows; // editor -> its caption and column

    QLineEdit *m_name = nullptr;
    QLineEdit *m_description = nullptr;
    QComboBox *m_sourceType = nullptr;
    QComboBox *m_connection = nullptr;
    DetailValue *m_connectionPath = nullptr; //!< the picked connection's path, wrapped below its box
    QLineEdit *m_database = nullptr;
    QLineEdit *m_storageType = nullptr;
    QLineEdit *m_storageConnection = nullptr;
    QLineEdit *m_sapSubType = nullptr;
    QLineEdit *m_zoneType = nullptr;
    QLineEdit *m_zoneConnection = nullptr;
    QLineEdit *m_zoneWorkspace = nullptr;
    QLineEdit *m_zoneArtifact = nullptr;
    QLineEdit *m_zoneRootFolder = nullptr;
    QLabel *m_lockReason = nullptr;
    QLineEdit *m_defaultSchema = nullptr;
    WholeNumberSpinBox *m_retention = nullptr;
    QLabel *m_workspace = nullptr;
    QString m_connectionsFor; // the source type the connection choices were filtered for
    QCheckBox *m_changeDataFeed = nullptr;
    QRadioButton *m_mirrorAll = nullptr;
    QRadioButton *m_mirrorChosen = nullptr;
    QWidget *m_tablesPanel = nullptr;
    QLineEdit *m_tableFilter = nullptr;
    QTableView *m_tableView = nullptr;
    QSortFilterProxyModel *m_tableProxy = nullptr;
    QLineEdit *m_newSchema = nullptr;
    QLineEdit *m_newTable = nullptr;
    QLabel *m_tableCounter = nullptr;
    QLabel *m_tableMessage = nullptr;
    QLabel *m_tablesProblem = nullptr;
    QPlainTextEdit *m_previewJson = nullptr;
    QPlainTextEdit *m_previewPayload = nullptr;
    QPlainTextEdit *m_previewBody = nullptr;
    QTabWidget *m_previewTabs = nullptr;
    QLabel *m_reasons = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_saveAs = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_addMirrored = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QWidget *m_content = nullptr;
    bool m_applying = false;
    bool m_loading = false;
    bool m_loadFailed = false;
    bool m_closeConfirmed = false;
};

} // namespace fmc
