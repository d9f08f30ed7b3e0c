#pragma once

#include "app/environments/definitionsource.h"
#include "app/environments/environmenttarget.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace fmc {

class TargetCatalog;
struct MirroredDatabase;
struct Workspace;

//! \brief One side of Compare or Promote: which signed-in target (its label in its colour), which
//! workspace and, unless only a workspace is asked for, which mirrored database, or a
//! `mirroring.json` file. The lists come from a TargetCatalog per target; this widget only binds.
class EnvironmentPicker : public QWidget
{
    Q_OBJECT
public:
    enum class Mode {
        Database,       //!< a mirrored database
        DatabaseOrFile, //!< a mirrored database, or a definition file
        Workspace,      //!< a workspace only (where promote writes)
    };

    EnvironmentPicker(const EnvironmentTargets &targets, Mode mode, QWidget *parent = nullptr);

    //! Selects \a workspaceId (and \a databaseId) of target \a targetIndex once they are listed.
    void preselect(int targetIndex, const QString &workspaceId, const QString &databaseId = {});
    //! Reads \a path as the side's definition; false (with the reason shown) if it cannot be read.
    bool openFile(const QString &path);
    //! \brief Reads the `mirroring.json` of the Fabric Git integration folder \a directory
    //! (`<name>.MirroredDatabase/`, app/gitfolder/) as the side's definition; false (with the
    //! reason shown) if it is not such a folder.
    bool openGitFolder(const QString &directory);

    EnvironmentTarget target() const;
    QString workspaceId() const;
    QString databaseId() const;
    QString databaseName() const;
    //! The picked side as Compare and Promote take it.
    DefinitionSource source() const;
    //! True when everything the mode asks for is chosen.
    bool isComplete() const;

    QComboBox *targetBox() const { return m_target; }
    QComboBox *workspaceBox() const { return m_workspace; }
    QComboBox *databaseBox() const { return m_database; }

Q_SIGNALS:
    void changed();

private:
    void onTargetChanged();
    void onWorkspaceChanged();
    void showWorkspaces(const QList<Workspace> &workspaces);
    void showDatabases(const QString &workspaceId, const QList<MirroredDatabase> &databases);
    void showBadge();
    void showProblem(const QString &text);
    void useDefinition(MirroringDefinition definition, const QString &name, const QString &shownAs);
    TargetCatalog *catalog(int index);

    EnvironmentTargets m_targets;
    Mode m_mode;
    QHash<int, TargetCatalog *> m_catalogs;
    QComboBox *m_target = nullptr;
    QLabel *m_badge = nullptr;
    QComboBox *m_workspace = nullptr;
    QComboBox *m_database = nullptr;
    QPushButton *m_fileButton = nullptr;
    QPushButton *m_folderButton = nullptr;
    QLabel *m_fileLabel = nullptr;
    QLabel *m_problem = nullptr;
    QString m_wantWorkspace, m_wantDatabase;
    std::optional<MirroringDefinition> m_file;
    QString m_fileName;
};

} // namespace fmc
