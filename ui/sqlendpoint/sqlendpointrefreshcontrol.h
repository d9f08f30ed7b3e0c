#pragma once

#include "app/sqlendpoint/sqlendpointrefresher.h"
#include "ui/sqlendpoint/sqlendpointresultdialog.h"

#include <QMessageBox>

#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QWidget;

namespace fmc {

//! \brief "Refresh SQL endpoint" in one window: the two actions (refresh; refresh recreating the
//! tables, behind a confirmation that says what it does), their gating, and a progress strip
//! with Cancel. Every window that offers the action has one, all over one SqlEndpointRefresher,
//! so a refresh started in one shows as running in the others.
//!
//! Other features trigger it through refreshAction() (e.g. the fix ladder's first rung).
class SqlEndpointRefreshControl : public QObject
{
    Q_OBJECT
public:
    //! What the window has selected: the target, the caller's role and the workspace's name.
    struct Subject {
        SqlEndpointRefresher::Target target;
        WorkspaceRole role = WorkspaceRole::Unknown;
        QString workspaceName;
        bool signedIn = true;
    };

    SqlEndpointRefreshControl(SqlEndpointRefresher *refresher, QWidget *window);
    ~SqlEndpointRefreshControl() override;

    //! Called whenever the actions are gated or triggered; the window's current selection.
    void setSubjectProvider(std::function<Subject()> provider);
    //! The `timeout` sent (ConsoleSettings::sqlEndpointRefreshTimeoutMinutes).
    void setTimeout(std::chrono::minutes timeout) { m_timeout = timeout; }
    std::chrono::minutes timeout() const { return m_timeout; }

    //! "Refresh SQL endpoint": syncs the endpoint's table metadata with OneLake (no confirmation).
    QAction *refreshAction() const { return m_refresh; }
    //! "Refresh SQL endpoint, recreating tables…": asks first.
    QAction *recreateAction() const { return m_recreate; }
    //! A label, a progress bar and Cancel; visible only while a refresh runs.
    QWidget *progressWidget() const { return m_strip; }
    //! The confirmation open for a recreate, if any (tests click it).
    QMessageBox *confirmation() const { return m_confirmation; }
    //! The result dialog of the last refresh started here, if open.
    SqlEndpointResultDialog *resultDialog() const { return m_dialog; }
    SqlEndpointRefresher *refresher() const { return m_refresher; }

    //! Re-gates both actions from the subject provider (call on every selection change).
    void updateActions();
    //! Opens (or updates) the result dialog with \a result of \a target.
    void showResult(const SqlEndpointRefresher::Target &target, const TableSyncStatuses &result);

Q_SIGNALS:
    //! A sentence for the window's status line (\a error: keep it among recent errors).
    void message(const QString &text, bool error);

private:
    void start(bool recreateTables);
    void askThenRecreate();
    void onBusyChanged(bool busy, const QString &text);
    void onFinished(const SqlEndpointRefresher::Target &target, const TableSyncStatuses &result, const ApiError &error);

    SqlEndpointRefresher *m_refresher;
    QWidget *m_window;
    std::function<Subject()> m_subject;
    std::chrono::minutes m_timeout{15};
    QAction *m_refresh;
    QAction *m_recreate;
    QPointer<QWidget> m_strip; //!< owned by the window's layout once placed, which may delete it first
    QLabel *m_label;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    QPointer<QMessageBox> m_confirmation;
    QPointer<SqlEndpointResultDialog> m_dialog;
    bool m_startedHere = false;
};

} // namespace fmc
