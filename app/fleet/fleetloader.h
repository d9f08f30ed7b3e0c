#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <optional>

namespace fmc {

class ApiError;
class ApiRequest;
class FabricClient;
class FleetModel;
class FleetWorkspaceCrawl;
class WorkspaceBrowser;
struct CatalogEntry;
struct FleetRow;
struct Item;
struct Workspace;

//! \brief Feeds the fleet view's model: every mirror the caller can see, of every type
//! MirrorItemKind::knownTypes() names, found with one catalog search (`POST /catalog/search`, a few
//! pages for the whole tenant) and a second, unfiltered one for the `Mirrored…` types it cannot
//! name (searchOtherMirrorTypes(), once the first one's list is complete; the types it finds are
//! named in the first search for kOtherTypesFreshFor after), or, when the tenant refuses search (403/404: the preview is not
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
    //! Stops the search and the detail calls not sent yet; what was found stays listed.
    void cancel();
    //! \brief Stops, empties the model and forgets the learnt types (signed out: the next
    //! sign-in may be another tenant's).
    void clear();
    bool isLoading() const { return m_loading; }
    //! How the last load found the mirrors.
    Source source() const { return m_source; }
    //! Detail calls queued or in flight.
    int detailsPending() const { return int(m_queue.size() + m_extraQueue.size()) + m_inFlight; }
    //! While loading: whether this load's list is complete (loaded() went out).
    bool isListComplete() const { return m_listComplete; }
    //! While loading: whether the unfiltered pass for the other `Mirrored…` types is to come or
    //! under way.
    bool isSearchingOtherTypes() const { return m_loading && (m_otherPassWanted || m_otherPassRunning); }
    //! \brief How long what the unfiltered search learnt (the other `Mirrored…` types there are)
    //! holds: a load within it names those types in its one search instead of reading the whole
    //! catalog again (a tenant's catalog holds every item, mirrors are a few of them). 0: every
    //! load reads it all.
    void setOtherTypesFreshFor(std::chrono::milliseconds interval) { m_otherTypesFreshFor = interval; }
    //! The other `Mirrored…` types the last unfiltered search found, sorted.
    QStringList learntTypes() const;

    //! Detail calls sent at once (status, tables, definition).
    static constexpr int kDetailsInFlight = 4;
    //! \brief A search page's rows go into the model this many per turn of the event loop: a
    //! page holds up to 500, and inserting them into the sorted view at once held the GUI thread
    //! for 10 ms and more (#19's stall figure); the network still fetches big pages.
    static constexpr int kRowsPerTurn = 100;
    //! A new `Mirrored…` type shows within this at the latest (the Refresh button included).
    static constexpr std::chrono::minutes kOtherTypesFreshFor{15};
    //! Beyond this many other types the filter would grow long: every load reads the catalog.
    static constexpr int kMaxLearntTypes = 16;

Q_SIGNALS:
    //! \brief The list of mirrors is complete, gone ones removed. Details may still arrive, and
    //! so may the rows of the types the search could not name (the unfiltered pass): see
    //! detailsLoaded().
    void loaded(fmc::FleetLoader::Source source, int count);
    //! Every queued detail call has answered, and the unfiltered pass (if any) has ended.
    void detailsLoaded();
    //! A detail call answered or the unfiltered pass ended: what detailsPending() and
    //! isSearchingOtherTypes() say changed, maybe with no row changing.
    void progressed();
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

    //! Queues a search page's mirrors for the model: of the known types, or with \a otherTypes
    //! (the unfiltered pass) of the others.
    void onSearchPage(const QList<CatalogEntry> &page, bool otherTypes);
    //! \brief The search's second pass, unfiltered: a mirror type the spec did not name when
    //! this console was built (`Mirrored…`) cannot be named in the filter, which compares types
    //! with eq/ne only; this pass keeps those, read-only, so that search and listing find the
    //! same fleet. At background priority, in pages of 1,000.
    void searchOtherMirrorTypes();
    void onOtherTypesDone(const ApiError &error);
    //! The unfiltered pass is over: removes the other types' rows it did not see (if it ended
    //! well), and ends the load if nothing else runs.
    void endOtherPass();
    //! Ends the load (detailsLoaded()) once the list is complete, its passes and details done.
    void finishLoadingIfIdle();
    //! The search's list is complete: finished now, or after its last rows are in the model.
    void finishSearch();
    //! Adds the next kRowsPerTurn rows of m_unapplied, and finishes the list after the last.
    void applySomeRows();
    //! Stops every call and drops what is queued, the model as it is.
    void stop();
    void onSearchDone(const ApiError &error);
    void fallBackToListing();
    void crawlWorkspaces();
    void onWorkspaceListed(const Workspace &workspace, const QList<Item> &items);
    void finishList(Source source);
    void listCapacities();
    //! Capacity and role of the rows in \a workspaceIds, from the browser (empty: every row's).
    void applyWorkspaceInfo(const QSet<QString> &workspaceIds = {});
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
    QPointer<ApiRequest> m_otherSearch;
    QList<QPointer<ApiRequest>> m_sent; // detail calls in flight, cancelled by cancel()
    QList<Job> m_queue;      // status first, then tables of mirrors whose status came in
    QList<Job> m_extraQueue; // definitions (the source type) once every status is asked
    QHash<QString, QString> m_capacityNames;
    QList<FleetRow> m_unapplied;             // search results not in the model yet
    std::optional<Source> m_finishWhenApplied; // the search ended with rows still unapplied
    QTimer m_applyTimer;
    int m_generation = 0; // counts stop()s
    bool m_applying = false; // inside m_model->applyPage()
    bool m_otherPassWanted = false;         // the typed search is done: the unfiltered one follows the list
    bool m_otherPassRunning = false;        // the unfiltered search (or its last rows) is under way
    bool m_endOtherPassWhenApplied = false; // it ended with rows still unapplied
    bool m_sweepOtherTypes = false;         // it ended well: its rows' refresh may remove
    int m_inFlight = 0;
    bool m_loading = false;
    bool m_listing = false; // the fallback crawl is running for this load
    bool m_listComplete = false; // this load's list is complete (details may still run)
    QSet<QString> m_unlistedWorkspaces; // the fallback could not list them: their rows are kept
    Source m_source = Source::None;
    QSet<QString> m_learntTypes;      // other Mirrored… types the last complete unfiltered search found
    QSet<QString> m_typesBeingLearnt; // ... and those the one under way found so far
    QDeadlineTimer m_learntTypesExpire{0}; // expired: the next load searches unfiltered again
    std::chrono::milliseconds m_otherTypesFreshFor = kOtherTypesFreshFor;
    bool m_searchNamesLearntTypes = false; // this load's typed search names m_learntTypes
};

} // namespace fmc
