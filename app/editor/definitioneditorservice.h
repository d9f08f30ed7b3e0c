#pragma once

#include "models/json.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace fmc {

class ApiError;
class ApiRequest;
class DefinitionEditorBackend;
class FabricClient;

//! \brief Connects the definition editor's state (DefinitionEditorBackend) to the Fabric API.
//!
//! No widget: the editor window (or a test) calls load(), apply(), addMirroredTables() and
//! cancel(), and shows what the signals report. It fills the backend with the user's connections
//! (all pages), and in edit mode with the item, its mirroring status (which decides what may
//! change) and its definition (a long-running getDefinition). Apply creates the mirrored database
//! (create mode) or runs updateDefinition (a long-running call with percentComplete). Failures
//! carry the service's errorCode and request id; on failure nothing in the backend changes, so
//! the form and the draft stay as they were.
//!
//! Create is sent once: the API layer re-sends a POST only when it provably did not arrive, and
//! this class never retries on top of that.
class DefinitionEditorService : public QObject
{
    Q_OBJECT
public:
    //! What the service is doing; one task at a time (connections load alongside).
    enum class Task { None, Loading, AddingMirroredTables, Applying };
    Q_ENUM(Task)

    //! Works for \a backend (not owned) through \a client (not owned).
    DefinitionEditorService(FabricClient *client, DefinitionEditorBackend *backend, QObject *parent = nullptr);
    ~DefinitionEditorService() override;

    DefinitionEditorBackend *backend() const { return m_backend; }
    Task task() const { return m_task; }
    bool isBusy() const { return m_task != Task::None; }
    //! Whether edit mode has a definition loaded (Apply would otherwise overwrite it blindly).
    bool isLoaded() const { return m_loaded; }

    //! Lists the user's connections (`GET /v1/connections`, every page) into the backend.
    void loadConnections();
    //! Names the backend's workspace (`GET /v1/workspaces/{ws}`); a failure leaves the ID shown.
    void loadWorkspaceName();
    //! \brief Edit mode: loads the item named by the backend (beginEdit()), its mirroring status
    //! and its definition. Reports loadStarted(), loadProgress() and loadFinished().
    void load();
    //! Edit mode: adds the tables the database mirrors now (getTablesMirroringStatus, every page).
    void addMirroredTables();
    //! Creates the mirrored database or updates its definition, from the backend's state.
    void apply();
    //! Stops the running task (load, tables or apply); its *Finished signal says Cancelled.
    void cancel();

    //! One sentence for the user with the errorCode and request id, when the service sent them.
    static QString describe(const ApiError &error);
    //! \brief The body apply() sends for \a form as it is now, built by the request class itself
    //! (create's or updateDefinition's): the editor's request-body preview shows exactly this.
    static Json requestBody(const DefinitionEditorBackend &form);

signals:
    void connectionsLoaded(int count);
    void connectionsFailed(const QString &message);

    void loadStarted(const QString &text);
    //! \a percent < 0: no figure yet.
    void loadProgress(int percent, const QString &text);
    void loadFinished(bool ok, const QString &message);

    void mirroredTablesFinished(bool ok, const QString &message);

    void applyStarted();
    //! updateDefinition's percentComplete (< 0 before the operation reports one).
    void applyProgress(int percent, const QString &text);
    void applyFinished(bool ok, const QString &message);
    //! Create succeeded: the new mirrored database's id.
    void created(const QString &workspaceId, const QString &databaseId);
    //! updateDefinition succeeded.
    void updated(const QString &workspaceId, const QString &databaseId);

private:
    void track(ApiRequest *request);
    void finishLoad(bool ok, const QString &message);
    void finishApply(bool ok, const QString &message);
    void createDatabase();
    void updateDefinition();
    void abandonAll();

    QPointer<FabricClient> m_client;
    DefinitionEditorBackend *m_backend;
    Task m_task = Task::None;
    bool m_loaded = false;
    QList<QPointer<ApiRequest>> m_running; // the current task's requests, for cancel()
    QPointer<ApiRequest> m_connections;
};

} // namespace fmc
