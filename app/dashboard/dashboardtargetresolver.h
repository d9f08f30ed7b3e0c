#pragma once

#include "app/monitor/statusmonitor.h"
#include "models/apierror.h"
#include "models/mirroreddatabase.h"
#include "models/workspace.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace fmc {

class FabricClient;
class ApiRequest;

//! \brief Turns the `--dashboard` argument into the mirrored databases to watch, via the client.
//!
//! Accepted forms (names are case-insensitive, ids are GUIDs as the service gives them):
//! - `all`: every mirrored database of every workspace the caller can see;
//! - `WORKSPACE/DATABASE`: one mirrored database, each part a display name or an id;
//! - `WORKSPACE/all`: every mirrored database of one workspace;
//! - `DATABASE`: a mirrored database found by name or id in any workspace.
//!
//! A name that fits several workspaces or databases is an error that lists the candidates (with
//! their ids, which are unambiguous), never a guess. The answer comes once, by resolved() or
//! failed(), always from the event loop.
class DashboardTargetResolver : public QObject
{
    Q_OBJECT
public:
    explicit DashboardTargetResolver(FabricClient *client, QObject *parent = nullptr);
    ~DashboardTargetResolver() override;

    //! Starts resolving \a spec; a resolve under way is abandoned (its answer never comes).
    void resolve(const QString &spec);
    bool isResolving() const { return m_pending > 0; }
    //! \brief Why the last failed() came: NotFound (no such name or id), Conflict (ambiguous),
    //! BadRequest (the argument's form), or the failing call's kind (throttled, sign-in, ...).
    ApiError::Kind failureKind() const { return m_failureKind; }
    //! \brief The workspaces the WORKSPACE part matched, as far as the last resolve got: after
    //! "no mirrored database is named X in workspace W" it holds W, so X can be created there.
    QList<Workspace> matchedWorkspaces() const { return m_workspaces; }

Q_SIGNALS:
    //! \a databases in workspace order, then by name; never empty.
    void resolved(const QList<fmc::WatchedDatabase> &databases);
    //! \a message is a sentence for the user (it names the argument and any candidates).
    void failed(const QString &message);

private:
    void onWorkspaces(quint64 generation, const QList<Workspace> &workspaces);
    void listDatabases(quint64 generation, const Workspace &workspace);
    void finish();
    void fail(const QString &message, ApiError::Kind kind = ApiError::Kind::NotFound);
    void abandonAll();

    FabricClient *m_client;
    quint64 m_generation = 0;
    QString m_spec;
    QString m_workspacePart;   //!< empty for `all` and for a bare DATABASE
    QString m_databasePart;    //!< empty for `all` and `WORKSPACE/all`
    int m_pending = 0;
    ApiError::Kind m_failureKind = ApiError::Kind::None;
    QList<Workspace> m_workspaces;                    //!< the ones being listed, in order
    QHash<QString, QList<MirroredDatabase>> m_found;  //!< workspace id → its mirrored databases
    QList<QPointer<ApiRequest>> m_requests;
};

} // namespace fmc
