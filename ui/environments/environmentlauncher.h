#pragma once

#include "app/environments/environmenttarget.h"
#include "models/mirroringdefinition.h"

#include <QObject>
#include <QPointer>

class QAction;
class QWidget;

namespace fmc {

class CompareDialog;
class PromoteDialog;

//! \brief The main window's "Compare definitions…" and "Promote…" (issue #21): its two actions,
//! the sides offered (the current session's client first, then any other signed-in clients the
//! composition root passes in), and opening the dialogs on the selected database.
class EnvironmentLauncher : public QObject
{
    Q_OBJECT
public:
    explicit EnvironmentLauncher(QWidget *window);

    QAction *compareAction() const { return m_compare; }
    QAction *promoteAction() const { return m_promote; }

    //! The current session: its client and how it is named (the signed-in account).
    void setCurrent(const EnvironmentTarget &target);
    void setCurrentLabel(const QString &label);
    void setCurrentClient(FabricClient *client);
    //! Other signed-in clients (profiles), offered after the current one.
    void setOtherTargets(const EnvironmentTargets &targets);
    void setLimits(const DefinitionLimits &limits) { m_limits = limits; }
    //! The database the actions apply to (none: promote is disabled, compare starts empty).
    void setSelection(const QString &workspaceId, const QString &databaseId, const QString &name);

    CompareDialog *openCompare();
    PromoteDialog *openPromote();

Q_SIGNALS:
    //! A promote wrote to a workspace of the current session's tenant (list it again).
    void promotedHere(const QString &workspaceId);

private:
    EnvironmentTargets targets() const;
    void updateActions();

    QWidget *m_window;
    EnvironmentTarget m_current;
    EnvironmentTargets m_others;
    DefinitionLimits m_limits;
    QString m_workspaceId, m_databaseId, m_name;
    QAction *m_compare;
    QAction *m_promote;
    QPointer<CompareDialog> m_compareDialog;
    QPointer<PromoteDialog> m_promoteDialog;
};

} // namespace fmc
