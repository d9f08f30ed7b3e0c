#pragma once

#include "app/environments/definitionpromoter.h"
#include "app/environments/environmenttarget.h"

#include <QDialog>
#include <QSettings>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace fmc {

class EnvironmentPicker;

//! \brief Promote a mirrored database's definition to another workspace or tenant (issue #21):
//! the target (any signed-in tenant and workspace), the rebinding map in a form (remembered per
//! source/target pair; loaded from and saved to a shared file; exported as fabric-cicd
//! `parameter.yml`), a dry run that shows the checklist and the exact request without writing,
//! and Promote, which asks once more for a production target. DefinitionPromoter does the calls.
class PromoteDialog : public QDialog
{
    Q_OBJECT
public:
    //! Promotes \a databaseId of \a workspaceId (named \a name) as read with \a source.
    PromoteDialog(const EnvironmentTarget &source, const QString &workspaceId, const QString &databaseId,
                  const QString &name, const EnvironmentTargets &targets, const DefinitionLimits &limits,
                  QWidget *parent = nullptr);

    EnvironmentPicker *targetPicker() const { return m_target; }
    QLineEdit *connectionEdit() const { return m_connection; }
    QLineEdit *databaseEdit() const { return m_database; }
    QLineEdit *schemaEdit() const { return m_schema; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *dryRunButton() const { return m_dryRun; }
    QPushButton *promoteButton() const { return m_promote; }
    QPushButton *cancelButton() const { return m_cancel; }
    QTreeWidget *checksView() const { return m_checks; }
    QPlainTextEdit *previewView() const { return m_preview; }
    QLabel *statusLabel() const { return m_status; }
    DefinitionPromoter *promoter() const { return m_promoter; }

    //! The map the form holds now.
    RebindingMap map() const;
    //! Fills the form's "to" fields from \a map where its "from" matches the source (else keeps them).
    void setMap(const RebindingMap &map);
    //! File actions behind the buttons (the buttons ask for the path): false with the reason shown.
    bool saveMapFile(const QString &path);
    bool loadMapFile(const QString &path);
    bool exportParameterFile(const QString &path);

Q_SIGNALS:
    //! A promote wrote to \a workspaceId of the target (the main window lists it again).
    void promoted(const QString &workspaceId, const QString &databaseId);

private:
    void onSourceLoaded(const MirroringDefinition &definition);
    void onTargetChanged();
    void run(bool write);
    void confirmThenApply();
    void showChecks();
    void onFinished(bool ok, const QString &message);
    void showStatus(const QString &text, bool error);
    void updateButtons();
    PromotePlan plan() const;
    QString pairKey() const;

    EnvironmentTarget m_source;
    QString m_workspaceId, m_databaseId, m_sourceName;
    DefinitionLimits m_limits;
    QSettings m_settings;
    DefinitionPromoter *m_promoter = nullptr;
    std::optional<MirroringDefinition> m_sourceDefinition;
    bool m_writing = false;

    EnvironmentPicker *m_target = nullptr;
    QLabel *m_connectionFrom = nullptr, *m_databaseFrom = nullptr, *m_schemaFrom = nullptr, *m_nameFrom = nullptr;
    QLineEdit *m_connection = nullptr, *m_database = nullptr, *m_schema = nullptr, *m_name = nullptr;
    QPushButton *m_loadMap = nullptr, *m_saveMap = nullptr, *m_exportYml = nullptr;
    QPushButton *m_dryRun = nullptr, *m_promote = nullptr, *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QTreeWidget *m_checks = nullptr;
    QPlainTextEdit *m_preview = nullptr;
};

} // namespace fmc
