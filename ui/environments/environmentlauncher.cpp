#include "ui/environments/environmentlauncher.h"

#include "ui/environments/comparedialog.h"
#include "ui/environments/environmentpicker.h"
#include "ui/environments/promotedialog.h"

#include "app/api/fabricclient.h"

#include <QAction>
#include <QWidget>

namespace fmc {

EnvironmentLauncher::EnvironmentLauncher(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_compare(new QAction(tr("C&ompare definitions…"), window))
    , m_promote(new QAction(tr("&Promote to another workspace…"), window))
{
    m_compare->setObjectName(QStringLiteral("actionCompare"));
    m_compare->setToolTip(tr("Compare the definitions of two mirrored databases, in any workspace or tenant, or with a file"));
    m_promote->setObjectName(QStringLiteral("actionPromote"));
    m_promote->setToolTip(tr("Copy the selected definition to another workspace or tenant, rebinding its connection"));
    connect(m_compare, &QAction::triggered, this, &EnvironmentLauncher::openCompare);
    connect(m_promote, &QAction::triggered, this, &EnvironmentLauncher::openPromote);
    m_current.label = tr("Current sign-in");
    updateActions();
}

void EnvironmentLauncher::setCurrent(const EnvironmentTarget &target)
{
    m_current = target;
    updateActions();
}

void EnvironmentLauncher::setCurrentLabel(const QString &label)
{
    m_current.label = label.isEmpty() ? tr("Current sign-in") : label;
}

void EnvironmentLauncher::setCurrentClient(FabricClient *client)
{
    m_current.client = client;
    updateActions();
}

void EnvironmentLauncher::setOtherTargets(const EnvironmentTargets &targets)
{
    m_others = targets;
}

void EnvironmentLauncher::setSelection(const QString &workspaceId, const QString &databaseId, const QString &name)
{
    m_workspaceId = workspaceId;
    m_databaseId = databaseId;
    m_name = name;
    updateActions();
}

EnvironmentTargets EnvironmentLauncher::targets() const
{
    EnvironmentTargets all;
    if (m_current.isValid())
        all << m_current;
    for (const EnvironmentTarget &t : m_others)
        if (t.isValid())
            all << t;
    return all;
}

void EnvironmentLauncher::updateActions()
{
    m_compare->setEnabled(m_current.isValid());
    m_promote->setEnabled(m_current.isValid() && !m_databaseId.isEmpty());
}

CompareDialog *EnvironmentLauncher::openCompare()
{
    if (m_compareDialog)
        m_compareDialog->close();
    auto *dialog = new CompareDialog(targets(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!m_databaseId.isEmpty()) {
        dialog->left()->preselect(0, m_workspaceId, m_databaseId);
        dialog->right()->preselect(0, m_workspaceId);
    }
    m_compareDialog = dialog;
    dialog->show();
    return dialog;
}

PromoteDialog *EnvironmentLauncher::openPromote()
{
    if (m_databaseId.isEmpty() || !m_current.isValid())
        return nullptr;
    if (m_promoteDialog)
        m_promoteDialog->close();
    auto *dialog = new PromoteDialog(m_current, m_workspaceId, m_databaseId, m_name, targets(), m_limits, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PromoteDialog::promoted, this, [this, dialog](const QString &workspaceId) {
        if (dialog->targetPicker()->target().client == m_current.client)
            emit promotedHere(workspaceId);
    });
    m_promoteDialog = dialog;
    dialog->show();
    return dialog;
}

} // namespace fmc
