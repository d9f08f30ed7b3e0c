#include "ui/gitfolder/gitfoldercontrol.h"

#include "app/gitfolder/gitfolderfiles.h"
#include "models/displaytext.h"
#include "ui/plaintext.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>

namespace fmc {

GitFolderControl::GitFolderControl(GitFolderTransfer *transfer, QWidget *window)
    : QObject(window)
    , m_transfer(transfer)
    , m_window(window)
    , m_export(new QAction(tr("E&xport to Git folder…"), window))
    , m_import(new QAction(tr("&Import from Git folder…"), window))
{
    m_export->setObjectName(QStringLiteral("actionExportGitFolder"));
    m_import->setObjectName(QStringLiteral("actionImportGitFolder"));
    connect(m_export, &QAction::triggered, this, &GitFolderControl::exportSelected);
    connect(m_import, &QAction::triggered, this, &GitFolderControl::importFolder);
    connect(m_transfer, &GitFolderTransfer::started, this, &GitFolderControl::onStarted);
    connect(m_transfer, &GitFolderTransfer::progress, this, [this](int percent, const QString &text) {
        if (!m_progress)
            return;
        m_progress->setLabelText(text);
        m_progress->setRange(0, percent < 0 ? 0 : 100); // 0..0: busy, no figure known yet
        if (percent >= 0)
            m_progress->setValue(percent);
    });
    connect(m_transfer, &GitFolderTransfer::finished, this, &GitFolderControl::onFinished);
    m_chooser = [this](Choice choice) {
        const QString title = choice == Choice::ExportParent ? tr("Export to Git folder: choose the repository folder")
                                                             : tr("Import from Git folder: choose the .MirroredDatabase folder");
        return QFileDialog::getExistingDirectory(m_window, title, m_lastDirectory);
    };
    updateActions();
}

GitFolderControl::~GitFolderControl() = default;

void GitFolderControl::updateActions()
{
    const Subject subject = m_subject ? m_subject() : Subject();
    const bool idle = !m_transfer->isBusy();
    const auto gate = [](QAction *action, const QString &what, const QString &reason) {
        action->setEnabled(reason.isEmpty());
        const QString tip = reason.isEmpty() ? what : what + QStringLiteral(" — ") + reason;
        action->setToolTip(plainToolTip(tip));
        action->setStatusTip(tip);
    };
    const QString signIn = tr("sign in first");
    const QString running = tr("an export or import is running");
    gate(m_export, tr("Write the selected database's definition as a Fabric Git integration folder"),
         !subject.signedIn     ? signIn
         : !subject.database   ? tr("select one mirrored database")
         : !idle               ? running
                               : QString());
    gate(m_import, tr("Create or update a mirrored database from a Fabric Git integration folder"),
         !subject.signedIn                                    ? signIn
         : subject.workspaceId.isEmpty() || subject.workspaceId == QLatin1String("-") ? tr("select a workspace")
         : !subject.cannotWrite.isEmpty()                     ? subject.cannotWrite
         : !idle                                              ? running
                                                              : QString());
}

QString GitFolderControl::choose(Choice choice)
{
    const QString directory = m_chooser ? m_chooser(choice) : QString();
    if (!directory.isEmpty())
        m_lastDirectory = choice == Choice::ImportFolder ? QFileInfo(directory).absolutePath() : directory;
    return directory;
}

void GitFolderControl::exportSelected()
{
    updateActions();
    const Subject subject = m_subject ? m_subject() : Subject();
    if (!m_export->isEnabled() || !subject.database)
        return;
    const QString parent = choose(Choice::ExportParent);
    if (parent.isEmpty())
        return;
    m_transfer->exportTo(*subject.database, parent);
}

void GitFolderControl::importFolder()
{
    updateActions();
    const Subject subject = m_subject ? m_subject() : Subject();
    if (!m_import->isEnabled())
        return;
    const QString directory = choose(Choice::ImportFolder);
    if (directory.isEmpty())
        return;
    QString error;
    const auto folder = GitFolderFiles::read(directory, &error);
    if (!folder) {
        showError(tr("Not a mirrored database folder"), error);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Import from Git folder"),
                                tr("Import “%1” into the workspace %2?")
                                    .arg(displayText(folder->displayName(), 80), displayText(subject.workspaceName, 60)),
                                QMessageBox::NoButton, m_window);
    QString details = tr("If %1 has a mirrored database of that name, its definition is replaced by the folder's "
                         "mirroring.json (Update definition, with .platform). Otherwise a new mirrored database is "
                         "created; it is not started.")
                          .arg(displayText(subject.workspaceName, 60));
    const QStringList others = folder->otherFiles();
    if (!others.isEmpty())
        details += QStringLiteral("\n\n")
                   + tr("Not sent, left in the folder: %1. The service takes only mirroring.json and .platform "
                        "for a mirrored database.")
                         .arg(displayText(others.join(QStringLiteral(", ")), 120));
    box->setInformativeText(details);
    box->addButton(tr("Import"), QMessageBox::AcceptRole)->setObjectName(QStringLiteral("importButton"));
    box->addButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    showPlainText(box);
    m_box = box;
    const QString workspaceId = subject.workspaceId;
    connect(box, &QMessageBox::buttonClicked, this, [this, box, folder = *folder, workspaceId](QAbstractButton *button) {
        if (box->buttonRole(button) == QMessageBox::AcceptRole)
            m_transfer->importInto(folder, workspaceId);
    });
    box->open();
}

void GitFolderControl::showError(const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    showPlainText(box);
    m_box = box;
    box->open();
    emit message(text, true);
}

void GitFolderControl::onStarted(const QString &text)
{
    updateActions();
    if (!m_progress) {
        m_progress = new QProgressDialog(m_window);
        m_progress->setObjectName(QStringLiteral("gitFolderProgress"));
        m_progress->setWindowTitle(tr("Git folder"));
        m_progress->setAttribute(Qt::WA_DeleteOnClose);
        m_progress->setAutoClose(false);
        m_progress->setAutoReset(false);
        m_progress->setMinimumDuration(0);
        connect(m_progress, &QProgressDialog::canceled, m_transfer, &GitFolderTransfer::cancel);
    }
    m_progress->setRange(0, 0);
    m_progress->setLabelText(text);
    m_progress->show();
}

void GitFolderControl::onFinished(const GitFolderTransfer::Outcome &outcome)
{
    if (m_progress) {
        // Closing must not read as the user's Cancel.
        disconnect(m_progress, &QProgressDialog::canceled, m_transfer, &GitFolderTransfer::cancel);
        m_progress->close();
    }
    updateActions();
    if (outcome.cancelled) {
        emit message(outcome.message, false);
        return;
    }
    if (!outcome.ok) {
        showError(outcome.task == GitFolderTransfer::Task::Export ? tr("Export failed") : tr("Import failed"),
                  outcome.message);
        return;
    }
    emit message(outcome.message, false);
    if (outcome.task == GitFolderTransfer::Task::Import)
        emit imported(outcome.workspaceId, outcome.databaseId, outcome.created);
}

} // namespace fmc
