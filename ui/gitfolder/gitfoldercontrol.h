#pragma once

#include "app/gitfolder/gitfoldertransfer.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QProgressDialog>

#include <functional>
#include <optional>

class QAction;
class QWidget;

namespace fmc {

//! \brief Database ▸ "Export to Git folder…" and "Import from Git folder…" in one window: the two
//! actions and their gating, the folder choice, the import's confirmation (what will be created
//! or replaced, which files are not sent), a progress dialog with Cancel, and the outcome.
//! The work is GitFolderTransfer's; this class only asks and shows.
class GitFolderControl : public QObject
{
    Q_OBJECT
public:
    //! What the window has selected.
    struct Subject {
        bool signedIn = false;
        std::optional<MirroredDatabase> database; //!< one selected database: what Export writes
        QString workspaceId;                      //!< the workspace Import creates or updates in
        QString workspaceName;
        QString cannotWrite;                      //!< why the caller may not change that workspace, if so
    };
    enum class Choice { ExportParent, ImportFolder };

    GitFolderControl(GitFolderTransfer *transfer, QWidget *window);
    ~GitFolderControl() override;

    void setSubjectProvider(std::function<Subject()> provider) { m_subject = std::move(provider); }
    //! \brief How a folder is chosen; a QFileDialog by default (tests give one of their own).
    void setFolderChooser(std::function<QString(Choice)> chooser) { m_chooser = std::move(chooser); }

    QAction *exportAction() const { return m_export; }
    QAction *importAction() const { return m_import; }
    //! The import's confirmation or error box while open (tests click it).
    QMessageBox *messageBox() const { return m_box; }
    //! The progress dialog while a task runs.
    QProgressDialog *progressDialog() const { return m_progress; }
    GitFolderTransfer *transfer() const { return m_transfer; }

    //! Re-gates both actions from the subject provider (call on every selection change).
    void updateActions();

Q_SIGNALS:
    //! A sentence for the window's status line.
    void message(const QString &text, bool error);
    //! Import created or updated \a databaseId in \a workspaceId.
    void imported(const QString &workspaceId, const QString &databaseId, bool created);

private:
    void exportSelected();
    void importFolder();
    void showError(const QString &title, const QString &text);
    void onStarted(const QString &text);
    void onFinished(const GitFolderTransfer::Outcome &outcome);
    QString choose(Choice choice);

    GitFolderTransfer *m_transfer;
    QWidget *m_window;
    std::function<Subject()> m_subject;
    std::function<QString(Choice)> m_chooser;
    QAction *m_export;
    QAction *m_import;
    QPointer<QMessageBox> m_box;
    QPointer<QProgressDialog> m_progress;
    QString m_lastDirectory;
};

} // namespace fmc
