#pragma once

#include "models/item.h"
#include "models/workspace.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace fmc {

class ApiRequest;
class FabricClient;

//! \brief The fleet's fallback when catalog search is refused: lists the items of every given
//! workspace (`GET /workspaces/{id}/items`, every page up to kMaxPages: one list finds the
//! mirrors of every type), kInFlight lists at a time at background priority.
//!
//! Unlike the main window's start-up crawl (WorkspaceBrowser, capped at kMaxCrawledWorkspaces
//! and paced for a user who is working), this one covers every workspace the browser listed:
//! the fleet is asked for explicitly and is only correct when complete. The client's own limits
//! (background slots, a 429 pausing its queue) still apply on top of kInFlight.
class FleetWorkspaceCrawl : public QObject
{
    Q_OBJECT
public:
    explicit FleetWorkspaceCrawl(FabricClient *client, QObject *parent = nullptr);
    ~FleetWorkspaceCrawl() override;

    //! Lists \a workspaces (dropping a crawl under way); finished() follows, even for none.
    void start(const QList<Workspace> &workspaces);
    //! Abandons the lists in flight and forgets the rest; finished() is not emitted.
    void cancel();
    bool isRunning() const { return m_running; }
    //! Workspaces not answered yet (queued or in flight).
    int pending() const { return int(m_queue.size()) + int(m_sent.size()); }

    //! Lists of workspaces sent at once.
    static constexpr int kInFlight = 4;
    //! Pages of one workspace's list; a workspace with more is listed in part, and says so.
    static constexpr int kMaxPages = 20;

Q_SIGNALS:
    //! \a workspace answered with \a items (every page of them, of every type).
    void listed(const fmc::Workspace &workspace, const QList<fmc::Item> &items);
    //! The workspace \a workspaceId could not be listed: a sentence with errorCode and request id.
    void failed(const QString &workspaceId, const QString &message);
    //! Every workspace answered.
    void finished();

private:
    void dispatch();

    FabricClient *m_client;
    QList<Workspace> m_queue;
    QList<QPointer<ApiRequest>> m_sent;
    bool m_running = false;
};

} // namespace fmc
