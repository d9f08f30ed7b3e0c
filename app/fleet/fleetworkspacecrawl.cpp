#include "fleetworkspacecrawl.h"

#include "app/admin/mirroreddatabaseadmin.h"
#include "app/api/fabricclient.h"
#include "app/api/requests/listitemsrequest.h"

#include <QTimer>

namespace fmc {

FleetWorkspaceCrawl::FleetWorkspaceCrawl(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

FleetWorkspaceCrawl::~FleetWorkspaceCrawl()
{
    cancel();
}

void FleetWorkspaceCrawl::start(const QList<Workspace> &workspaces)
{
    cancel();
    m_queue = workspaces;
    m_running = true;
    if (m_queue.isEmpty()) {
        // Asynchronous like every answer: the caller has connected before it arrives.
        QTimer::singleShot(0, this, [this] {
            if (m_running && pending() == 0) {
                m_running = false;
                emit finished();
            }
        });
        return;
    }
    dispatch();
}

void FleetWorkspaceCrawl::cancel()
{
    m_running = false;
    m_queue.clear();
    const QList<QPointer<ApiRequest>> sent = std::exchange(m_sent, {});
    for (const QPointer<ApiRequest> &request : sent) {
        if (request)
            request->abandon();
    }
}

void FleetWorkspaceCrawl::dispatch()
{
    while (m_running && m_sent.size() < kInFlight && !m_queue.isEmpty()) {
        const Workspace workspace = m_queue.takeFirst();
        auto *request = new ListItemsRequest(workspace.id);
        request->setMaxPages(kMaxPages);
        request->setPriority(ApiRequest::Priority::Background);
        QPointer<ApiRequest> sent = request;
        m_sent.append(sent);
        m_client->send(request, this, [this, workspace, sent](const ApiResult<QList<Item>> &result) {
            m_sent.removeOne(sent);
            if (!m_running)
                return;
            if (result.ok())
                emit listed(workspace, result.value);
            else
                emit failed(workspace.id, tr("Could not list the items of %1: %2")
                                .arg(workspace.displayName, MirroredDatabaseAdmin::describe(result.error)));
            dispatch();
            if (m_running && pending() == 0) {
                m_running = false;
                emit finished();
            }
        });
    }
}

} // namespace fmc
