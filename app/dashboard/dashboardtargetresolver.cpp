#include "dashboardtargetresolver.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/listmirroreddatabasesrequest.h"
#include "app/api/requests/listworkspacesrequest.h"

#include <QTimer>

#include <algorithm>

namespace fmc {

namespace {

bool isAll(const QString &text)
{
    return text.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0;
}

//! Items whose id equals \a key, or else whose display name does (both case-insensitive: ids are
//! GUIDs the service may spell in either case). An id match wins over a name match, so a
//! workspace named like another's id is still reachable by that id.
template <typename T>
QList<T> matching(const QList<T> &items, const QString &key)
{
    QList<T> byId, byName;
    for (const T &item : items) {
        if (item.id.compare(key, Qt::CaseInsensitive) == 0)
            byId.append(item);
        else if (item.displayName.compare(key, Qt::CaseInsensitive) == 0)
            byName.append(item);
    }
    return byId.isEmpty() ? byName : byId;
}

} // namespace

DashboardTargetResolver::DashboardTargetResolver(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

DashboardTargetResolver::~DashboardTargetResolver()
{
    abandonAll();
}

void DashboardTargetResolver::abandonAll()
{
    for (const QPointer<ApiRequest> &request : std::as_const(m_requests))
        if (request)
            request->abandon();
    m_requests.clear();
    m_pending = 0;
}

void DashboardTargetResolver::resolve(const QString &spec)
{
    abandonAll();
    const quint64 generation = ++m_generation;
    m_spec = spec.trimmed();
    m_workspacePart.clear();
    m_databasePart.clear();
    m_workspaces.clear();
    m_found.clear();
    if (m_spec.isEmpty()) {
        fail(tr("--dashboard needs WORKSPACE/DATABASE, WORKSPACE/all or all."), ApiError::Kind::BadRequest);
        return;
    }
    if (!isAll(m_spec)) {
        const qsizetype slash = m_spec.indexOf(u'/');
        if (slash < 0) {
            m_databasePart = m_spec;
        } else {
            m_workspacePart = m_spec.left(slash).trimmed();
            m_databasePart = m_spec.mid(slash + 1).trimmed();
            if (isAll(m_databasePart))
                m_databasePart.clear();
            if (m_workspacePart.isEmpty() || (m_databasePart.isEmpty() && !isAll(m_spec.mid(slash + 1).trimmed()))) {
                fail(tr("'%1' is not WORKSPACE/DATABASE: a part is empty.").arg(m_spec), ApiError::Kind::BadRequest);
                return;
            }
        }
    }
    m_pending = 1;
    m_requests.append(m_client->send(new ListWorkspacesRequest, this,
                                     [this, generation](const ApiResult<QList<Workspace>> &result) {
                                         if (generation != m_generation)
                                             return;
                                         --m_pending;
                                         if (!result.ok()) {
                                             fail(tr("Could not list workspaces for '%1': %2")
                                                                  .arg(m_spec, result.error.userMessage()),
                                                  result.error.kind());
                                             return;
                                         }
                                         onWorkspaces(generation, result.value);
                                     }));
}

void DashboardTargetResolver::onWorkspaces(quint64 generation, const QList<Workspace> &workspaces)
{
    QList<Workspace> chosen = workspaces;
    if (!m_workspacePart.isEmpty()) {
        chosen = matching(workspaces, m_workspacePart);
        if (chosen.isEmpty()) {
            fail(tr("No workspace is named '%1' or has that id.").arg(m_workspacePart));
            return;
        }
        if (chosen.size() > 1) {
            QStringList candidates;
            for (const Workspace &w : std::as_const(chosen))
                candidates << QStringLiteral("%1 (%2)").arg(w.displayName, w.id);
            fail(tr("The workspace name '%1' is ambiguous; use an id: %2")
                                 .arg(m_workspacePart, candidates.join(QStringLiteral(", "))),
                 ApiError::Kind::Conflict);
            return;
        }
    }
    if (chosen.isEmpty()) {
        fail(tr("No workspace is visible to you, so '%1' has no mirrored database.").arg(m_spec));
        return;
    }
    m_workspaces = chosen;
    for (const Workspace &w : std::as_const(chosen))
        listDatabases(generation, w);
}

void DashboardTargetResolver::listDatabases(quint64 generation, const Workspace &workspace)
{
    ++m_pending;
    const QString workspaceId = workspace.id;
    const QString workspaceName = workspace.displayName;
    m_requests.append(m_client->send(
        new ListMirroredDatabasesRequest(workspaceId), this,
        [this, generation, workspaceId, workspaceName](const ApiResult<QList<MirroredDatabase>> &result) {
            if (generation != m_generation)
                return;
            --m_pending;
            if (!result.ok()) {
                fail(tr("Could not list the mirrored databases of '%1': %2")
                                     .arg(workspaceName, result.error.userMessage()),
                     result.error.kind());
                return;
            }
            m_found.insert(workspaceId, result.value);
            if (m_pending == 0)
                finish();
        }));
}

void DashboardTargetResolver::finish()
{
    m_requests.clear();
    // Every candidate, in workspace order then by name, with the workspace's name for messages.
    struct Candidate {
        WatchedDatabase database;
        QString workspaceName;
    };
    QList<Candidate> candidates;
    for (const Workspace &w : std::as_const(m_workspaces)) {
        QList<MirroredDatabase> databases = m_found.value(w.id);
        std::sort(databases.begin(), databases.end(), [](const MirroredDatabase &a, const MirroredDatabase &b) {
            return a.displayName.compare(b.displayName, Qt::CaseInsensitive) < 0;
        });
        const QList<MirroredDatabase> chosen = m_databasePart.isEmpty() ? databases : matching(databases, m_databasePart);
        for (const MirroredDatabase &db : chosen)
            candidates.append({WatchedDatabase{w.id, db.id, db.displayName}, w.displayName});
    }
    if (candidates.isEmpty()) {
        if (m_databasePart.isEmpty()) {
            fail(tr("'%1' has no mirrored database.").arg(m_spec));
            return;
        }
        QStringList available;
        for (const Workspace &w : std::as_const(m_workspaces))
            for (const MirroredDatabase &db : m_found.value(w.id))
                available << w.displayName + u'/' + db.displayName;
        QString message = tr("No mirrored database is named '%1' or has that id").arg(m_databasePart);
        if (!m_workspacePart.isEmpty())
            message += tr(" in workspace '%1'").arg(m_workspaces.first().displayName);
        message += available.isEmpty() ? tr(".") : tr("; there are: %1.").arg(available.join(QStringLiteral(", ")));
        fail(message);
        return;
    }
    if (!m_databasePart.isEmpty() && candidates.size() > 1) {
        QStringList names;
        for (const Candidate &c : std::as_const(candidates))
            names << QStringLiteral("%1/%2 (%3/%4)")
                         .arg(c.workspaceName, c.database.displayName, c.database.workspaceId, c.database.databaseId);
        fail(tr("The mirrored database name '%1' is ambiguous; name its workspace or use ids: %2")
                             .arg(m_databasePart, names.join(QStringLiteral(", "))),
             ApiError::Kind::Conflict);
        return;
    }
    QList<WatchedDatabase> out;
    for (const Candidate &c : std::as_const(candidates))
        out.append(c.database);
    emit resolved(out);
}

void DashboardTargetResolver::fail(const QString &message, ApiError::Kind kind)
{
    abandonAll();
    m_failureKind = kind;
    const quint64 token = ++m_generation; // late answers of this resolve are dropped
    // Always from the event loop, even when the argument is refused before any request; a new
    // resolve() before then supersedes this answer.
    QTimer::singleShot(0, this, [this, message, token] {
        if (token == m_generation)
            emit failed(message);
    });
}

} // namespace fmc
