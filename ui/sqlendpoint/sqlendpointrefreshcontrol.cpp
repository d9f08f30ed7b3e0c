#include "sqlendpointrefreshcontrol.h"

#include "app/admin/mirroreddatabaseadmin.h"
#include "models/displaytext.h"
#include "ui/plaintext.h"
#include "ui/profiles/productiongate.h"
#include "ui/sqlendpoint/sqlendpointresultdialog.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QWidget>

namespace fmc {

SqlEndpointRefreshControl::SqlEndpointRefreshControl(SqlEndpointRefresher *refresher, QWidget *window)
    : QObject(window)
    , m_refresher(refresher)
    , m_window(window)
{
    m_refresh = new QAction(tr("Refresh SQL &endpoint"), this);
    m_refresh->setObjectName(QStringLiteral("refreshSqlEndpointAction"));
    m_recreate = new QAction(tr("Refresh SQL endpoint, &recreating tables…"), this);
    m_recreate->setObjectName(QStringLiteral("recreateSqlEndpointTablesAction"));
    connect(m_refresh, &QAction::triggered, this, [this] { start(false); });
    connect(m_recreate, &QAction::triggered, this, &SqlEndpointRefreshControl::askThenRecreate);

    m_strip = new QWidget;
    m_strip->setObjectName(QStringLiteral("sqlEndpointProgress"));
    auto *layout = new QHBoxLayout(m_strip);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel;
    m_label->setTextFormat(Qt::PlainText);
    m_bar = new QProgressBar;
    m_bar->setObjectName(QStringLiteral("sqlEndpointProgressBar"));
    m_bar->setRange(0, 100);
    m_bar->setMaximumWidth(160);
    m_bar->setAccessibleName(tr("SQL endpoint refresh progress"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("sqlEndpointCancel"));
    m_cancel->setAccessibleName(tr("Cancel the SQL endpoint refresh"));
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    m_strip->hide();
    connect(m_cancel, &QPushButton::clicked, m_refresher, &SqlEndpointRefresher::cancel);
    connect(m_refresher, &SqlEndpointRefresher::busyChanged, this, &SqlEndpointRefreshControl::onBusyChanged);
    connect(m_refresher, &SqlEndpointRefresher::progress, m_bar, &QProgressBar::setValue);
    connect(m_refresher, &SqlEndpointRefresher::finished, this, &SqlEndpointRefreshControl::onFinished);
    updateActions();
}

SqlEndpointRefreshControl::~SqlEndpointRefreshControl()
{
    // The strip belongs to whichever layout the window put it in; only a strip never placed is ours.
    if (m_strip && !m_strip->parent())
        delete m_strip.data();
}

void SqlEndpointRefreshControl::setSubjectProvider(std::function<Subject()> provider)
{
    m_subject = std::move(provider);
    updateActions();
}

void SqlEndpointRefreshControl::updateActions()
{
    const Subject subject = m_subject ? m_subject() : Subject{};
    SqlEndpointRefresher::Permission permission;
    if (!subject.signedIn)
        permission = {false, tr("sign in first")};
    else
        permission = m_refresher->canRefresh(subject.target, subject.role, displayText(subject.workspaceName, 60));
    const QString cost = tr("Syncs the table metadata of the SQL analytics endpoint with OneLake, so that "
                            "replicated data becomes visible to queries (one refreshMetadata call).");
    for (QAction *action : {m_refresh, m_recreate}) {
        action->setEnabled(permission.allowed);
        const QString what = action == m_refresh ? cost : tr("Drops and recreates every table of the SQL endpoint, then syncs them.");
        const QString tip = permission.allowed ? what : what + QStringLiteral(" — ") + permission.reason;
        action->setToolTip(plainToolTip(tip));
        action->setStatusTip(tip);
    }
}

void SqlEndpointRefreshControl::start(bool recreateTables)
{
    updateActions();
    if (!m_refresh->isEnabled())
        return;
    const Subject subject = m_subject();
    ProductionGate::confirm(m_window, recreateTables ? tr("Recreate the tables of the SQL endpoint of %1.").arg(displayText(subject.target.databaseName, 80))
                                                     : tr("Refresh the SQL endpoint of %1.").arg(displayText(subject.target.databaseName, 80)),
                            [this, subject, recreateTables] {
                                m_startedHere = m_refresher->refresh(subject.target, m_timeout, recreateTables);
                            });
}

void SqlEndpointRefreshControl::askThenRecreate()
{
    updateActions();
    if (!m_recreate->isEnabled() || m_confirmation)
        return;
    const Subject subject = m_subject();
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Recreate SQL endpoint tables"),
                                tr("Drop and recreate every table of the SQL analytics endpoint of %1?")
                                    .arg(displayText(subject.target.databaseName, 60)),
                                QMessageBox::Yes | QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("recreateSqlEndpointConfirmation"));
    box->setInformativeText(
        tr("The endpoint rebuilds each table from its Delta table in OneLake, then syncs it. Until a table is "
           "recreated, queries on it fail or see no rows, and views, permissions or statistics defined on "
           "the endpoint's tables may have to be set up again. The mirrored data itself is not touched and "
           "nothing is reseeded. It takes longer than a plain refresh (a long-running operation); use it only "
           "when a plain refresh leaves tables inconsistent."));
    box->button(QMessageBox::Yes)->setText(tr("Recreate tables"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    connect(box, &QMessageBox::finished, this, [this, box](int) {
        if (box->clickedButton() == box->button(QMessageBox::Yes))
            start(true);
    });
    showPlainText(box);
    box->open();
}

void SqlEndpointRefreshControl::onBusyChanged(bool busy, const QString &text)
{
    if (!m_strip)
        return; // the window is being destroyed
    m_label->setText(text);
    m_bar->setValue(0);
    m_strip->setVisible(busy); // its label says what runs
    updateActions();
}

void SqlEndpointRefreshControl::onFinished(const SqlEndpointRefresher::Target &target, const TableSyncStatuses &result,
                                           const ApiError &error)
{
    if (!std::exchange(m_startedHere, false))
        return;
    const QString name = displayText(target.databaseName, 60);
    if (error.kind() == ApiError::Kind::Cancelled) {
        emit message(tr("Refresh of the SQL endpoint of %1 cancelled (the service may still finish it).").arg(name), false);
        return;
    }
    if (error.isError()) {
        emit message(tr("Refreshing the SQL endpoint of %1 failed: %2").arg(name, MirroredDatabaseAdmin::describe(error)), true);
        return;
    }
    const bool problems = result.count(SyncStatus::Success) != int(result.value.size());
    emit message(tr("SQL endpoint of %1 refreshed: %2.").arg(name, SqlEndpointRefresher::summary(result)), problems);
    if (problems)
        showResult(target, result);
}

void SqlEndpointRefreshControl::showResult(const SqlEndpointRefresher::Target &target, const TableSyncStatuses &result)
{
    if (!m_dialog) {
        m_dialog = new SqlEndpointResultDialog(m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_dialog->setResult(target, result);
    m_dialog->show();
    m_dialog->raise();
}

} // namespace fmc
