#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace fmc {

class ApiError;
class ApiRequest;
class FabricClient;
class FleetModel;
class FleetWorkspaceCrawl;
class WorkspaceBrowser;
struct CatalogEntry;
struct Item;
struct Workspace;

//! \brief Feeds the fleet view's model: every mirror the caller can see, of every type
//! MirrorItemKind::knownTypes() names, found with one catalog search (`POST /catalog/search`, a few
//! pages for the whole tenant), or, when the tenant refuses search (403/404: the preview is not
//! enabled), by listing the items of each workspace the WorkspaceBrowser listed
//! (FleetWorkspaceCrawl: all of them, a few at a time); both find the same set. Then each
//! mirror's status is filled in by its type's own calls — a mirrored database's status, tables
//! summary (when Running) and source type (from its definition); a mirrored catalog's status and
//! tables; a Databricks catalog's item (its syncDetails); a SQL database's item (no status call);
//! none for a read-only type — at most kDetailsInFlight calls at a time at background priority,
//! so the list shows at once and the main window's work goes first.
class FleetLoader : public QObject
{
    Q_OBJECT
public:
    enum class Source { None, Search, Listing };
    Q_ENUM(Source)

    FleetLoader(FabricClient *client, WorkspaceBrowser *browser, QObject *parent = nullptr);
    ~FleetLoader() override;

    FleetModel *model() const { return m_model; }
    WorkspaceBrowser *browser() const;

    //! Finds the fleet again (a keyed refresh: selection and sort survive).
    void load();
    //! Asks one mirror's status (and tables) again, of any type, e.g. after a bulk action changed it.
    void refreshStatus(const QString &workspaceId, const QString &databaseId);
    //! Stops the search and the detail calls not sent yet.
    void cancel();
    bool isLoading() const { return m_loading; }
    //! How the last load found the mirrors.
    Source source() const { return m_source; }
    //! Detail calls queued or in flight.
    int detailsPending() const { return int(m_queue.size() + m_extraQueue.size()) + m_inFlight; }

    //! Detail calls sent at once (status, tables, definition).
    static constexpr int kDetailsInFlight = 4;

Q_SIGNALS:
    //! The list of mirrors is complete (details may still arrive: see detailsLoaded()).
    void loaded(fmc::FleetLoader::Source source, int count);
    //! Every queued detail call has answered.
    void detailsLoaded();
    //! Search was refused (\a why, with errorCode and request id): the workspaces are listed instead.
    void searchRefused(const QString &why);
    //! A sentence for the status line.
    void failed(const QString &message);

private:
    struct Job {
        enum Kind { Status, Tables, Definition, CatalogStatus, CatalogTables, Databricks, SqlDatabase } kind;
        QString workspaceId;
        QString databaseId;
    };

    void onSearchPage(const QList<CatalogEntry> &page);
    void onSearchDone(const ApiError &error);
    void fallBackToListing();
    void crawlWorkspaces();
    void onWorkspaceListed(const Workspace &workspace, const QList<Item> &items);
    void finishList(Source source);
    void listCapacities();
    void applyWorkspaceInfo(const QString &workspaceId = {});
    void queueDetails(const QString &workspaceId, const QString &databaseId);
    //! The status calls of the row's type, queued (a read-only type has none).
    void queueStatus(const QString &workspaceId, const QString &databaseId);
    //! Sends one background call; \a apply takes its value, a failure goes to the row's error.
    template <typename R, typename Apply>
    ApiRequest *fetch(R *request, const QString &workspaceId, const QString &databaseId, Apply apply);
    void dispatch();
    void send(const Job &job);
    void jobDone();

    FabricClient *m_client;
    QPointer<WorkspaceBrowser> m_browser;
    FleetModel *m_model;
    FleetWorkspaceCrawl *m_crawl;
    QPointer<ApiRequest> m_search;
    QList<QPointer<ApiRequest>> m_sent; // detail calls in flight, cancelled by cancel()
    QList<Job> m_queue;      // status first, then tables of mirrors whose status came in
    QList<Job> m_extraQueue; // definitions (the source type) once every status is asked
    QHash<QString, QString> m_capacityNames;
    int m_inFlight = 0;
    bool m_loading = false;
    bool m_listing = false; // the fallback crawl is running for this load
    bool m_listComplete = false; // this load's list is complete (details may still run)
    Source m_source = Source::None;
};

} // namespace fmc
