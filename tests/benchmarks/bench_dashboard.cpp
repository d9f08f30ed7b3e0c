// fmc-bench-dashboard: the dashboard window (offscreen) refreshing 50 mirrored databases of 200
// tables each from fabric-sandbox (in its own thread, no sign-in), in the default order (worst
// status first), which re-sorts at the end of every refresh.
//
//   dashboard_refresh_vs_bare_client  refresh wall time over the same requests (status + every
//                                     page of tables, per database) made by a bare
//                                     QNetworkAccessManager client with the same concurrency
//                                     that only parses each body to find the next page
//   dashboard_gui_stall_max           longest gap of a 1 ms GUI-thread timer during a refresh
//   dashboard_rss_10k_rows_1h         VmRSS after one hour of history (120 refreshes at 30 s)
//   dashboard_worst_first_sort_10k    GUI time the worst-first order spends sorting per refresh
//                                     (layoutAboutToBeChanged to layoutChanged of the proxy); a
//                                     refresh that changes no status sorts nothing
//
// Medians of repeats; the bare client and the window alternate so that load on the (shared)
// machine hits both alike. Logging is as the product runs it by default (no per-request debug
// lines; main.cpp turns them on only with --verbose). `--quick` skips the hour of history (RSS);
// `--repeats N` (default 9) sets how many refreshes of each kind the medians are taken over.
// Run: QT_QPA_PLATFORM=offscreen build/tests/benchmarks/fmc-bench-dashboard [--quick] [--repeats N]
#include "app/api/fabricclient.h"
#include "models/json.h"
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"
#include "ui/dashboard/dashboardfiltermodel.h"
#include "ui/dashboard/dashboardtablemodel.h"
#include "ui/dashboard/dashboardwindow.h"

#include "benchreport.h"
#include "benchtoken.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

using namespace fmc;
using fmc::sandbox::FabricState;
using fmc::sandbox::Sandbox;
using fmc::sandbox::SandboxOptions;

using fmc::bench::report;
using fmc::bench::FixedToken;
using fmc::bench::median;

namespace {

constexpr int kDatabases = 50;
constexpr int kTablesPerDatabase = 200;
constexpr int kDefaultRepeats = 9; // odd: the median is one run
constexpr int kHistorySamples = 120; // an hour at the default 30 s interval

//! CPU time of the calling (GUI) thread in ms: how much of a wall time was the GUI's own work.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double residentMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

//! The monitor's requests for every database, \a lanes databases at a time, each lane one
//! request after the other (status, then the pages of tables); returns the wall time in ms.
double bareRefresh(QNetworkAccessManager &nam, const QString &base, const QList<WatchedDatabase> &dbs, int lanes)
{
    QEventLoop loop;
    int next = 0, busy = 0;
    bool failed = false;
    std::function<void()> startLane;
    const auto post = [&](const QUrl &url, std::function<void(const QByteArray &)> then) {
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer bench");
        QNetworkReply *reply = nam.sendCustomRequest(request, "POST");
        QObject::connect(reply, &QNetworkReply::finished, reply, [&failed, reply, then] {
            const QByteArray body = reply->readAll();
            failed = failed || reply->error() != QNetworkReply::NoError;
            reply->deleteLater();
            then(body);
        });
    };
    std::function<void(const QString &)> tables = [&](const QString &url) {
        post(QUrl(url), [&, url](const QByteArray &body) {
            // The least a client must do: parse the page to find the next one.
            const Json page = Json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
            const auto token = page.is_object() ? page.find("continuationToken") : page.end();
            if (token != page.end() && token->is_string() && !token->get_ref<const std::string &>().empty()) {
                const QString base = url.section(u'?', 0, 0);
                tables(base + QStringLiteral("?continuationToken=")
                       + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromStdString(token->get<std::string>()))));
            } else {
                --busy;
                startLane();
            }
        });
    };
    startLane = [&] {
        if (next >= dbs.size()) {
            if (busy == 0)
                loop.quit();
            return;
        }
        const WatchedDatabase db = dbs.at(next++);
        ++busy;
        const QString prefix = base + QStringLiteral("/v1/workspaces/%1/mirroredDatabases/%2/").arg(db.workspaceId, db.databaseId);
        post(QUrl(prefix + QStringLiteral("getMirroringStatus")), [&, prefix](const QByteArray &body) {
            const Json status = Json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
            Q_UNUSED(status);
            tables(prefix + QStringLiteral("getTablesMirroringStatus"));
        });
    };
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < lanes; ++i)
        startLane();
    loop.exec();
    if (failed)
        std::fprintf(stderr, "bare client: a request failed\n");
    return double(timer.nsecsElapsed()) / 1e6;
}

//! One refresh of the window; returns {wall ms, longest GUI-thread gap in ms}.
std::pair<double, double> windowRefresh(DashboardWindow &window)
{
    QEventLoop loop;
    QObject::connect(window.monitor(), &StatusMonitor::refreshFinished, &loop, &QEventLoop::quit);
    // The probe: a 1 ms timer; the longest time between two of its ticks is the longest stall.
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QElapsedTimer sinceTick;
    qint64 longestNs = 0;
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        longestNs = std::max(longestNs, sinceTick.nsecsElapsed());
        sinceTick.restart();
    });
    QElapsedTimer timer;
    timer.start();
    sinceTick.start();
    probe.start();
    window.refreshNow();
    loop.exec();
    const double wall = double(timer.nsecsElapsed()) / 1e6;
    probe.stop();
    // Let the views repaint what the refresh changed; that belongs to the refresh's stall too.
    QTimer::singleShot(0, &loop, &QEventLoop::quit);
    loop.exec();
    longestNs = std::max(longestNs, sinceTick.nsecsElapsed());
    return {wall, double(longestNs) / 1e6};
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // The product's default (app/main/main.cpp without --verbose): no request-by-request debug lines.
    QLoggingCategory::setFilterRules(QStringLiteral("fmc.*.debug=false"));
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool quick = args.contains(QStringLiteral("--quick"));
    const qsizetype repeatsAt = args.indexOf(QStringLiteral("--repeats"));
    const int repeats = repeatsAt > 0 ? std::max(1, args.value(repeatsAt + 1).toInt()) : kDefaultRepeats;
    const double baselineMb = residentMegabytes();

    // The server lives in its own thread, so that its work does not count as the GUI's.
    QThread serverThread;
    QObject serverContext;
    serverContext.moveToThread(&serverThread);
    serverThread.start();
    Sandbox *sandbox = nullptr;
    QList<WatchedDatabase> databases;
    QMetaObject::invokeMethod(&serverContext, [&] {
        SandboxOptions options;
        options.requireAuth = false;
        options.demoData = false;
        options.scaleWorkspaces = kDatabases; // one running mirror each
        sandbox = new Sandbox(options);
        sandbox->listen();
        for (const auto &ws : sandbox->state()->workspaces())
            for (FabricState::Mirror *mirror : sandbox->state()->mirrors(ws.id)) {
                mirror->catalogueSize = kTablesPerDatabase; // "mirror all" takes every table
                mirror->tablesValid = false;
                databases.append({ws.id, mirror->id, mirror->displayName});
            }
    }, Qt::BlockingQueuedConnection);
    const auto advanceSandbox = [&](qint64 ms) {
        QMetaObject::invokeMethod(&serverContext, [&] { sandbox->advanceClock(ms); }, Qt::BlockingQueuedConnection);
    };
    const QString base = sandbox->serverUrl().toString();

    FixedToken token;
    FabricClient::Config config;
    config.apiBaseUrl = QUrl(base + QStringLiteral("/v1"));
    FabricClient client(config, &token);
    DashboardWindow window(&client);
    window.setRefreshInterval(std::chrono::hours(1)); // the benchmark refreshes
    window.resize(1400, 900);
    window.show();
    // The default order, worst status first, follows every refresh; sorted by processed rows (a
    // value that changes) rows would keep their places and the sort would cost nothing.
    // The same number of requests in flight as the dashboard's polling gets from the client.
    const int lanes = std::min(config.maxInFlightBackground, 4);

    QElapsedTimer first;
    first.start();
    window.watch(databases);
    {
        QEventLoop loop;
        QObject::connect(window.monitor(), &StatusMonitor::refreshFinished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    const int rows = window.tableModel()->rowCount();
    std::printf("# %d databases, %d rows; first refresh (all rows inserted) %.0f ms; %d requests in flight\n",
                int(databases.size()), rows, double(first.nsecsElapsed()) / 1e6, lanes);

    QNetworkAccessManager nam;
    bareRefresh(nam, base, databases, lanes); // warm-up: connections
    std::vector<double> windowMs, bareMs, stallMs, sortMs;
    // Time inside the proxy's sorts (a layout change each), summed per refresh.
    QElapsedTimer sorting;
    double sortedMs = 0;
    int sorts = 0;
    QObject::connect(window.filterModel(), &QAbstractItemModel::layoutAboutToBeChanged, &window, [&] { sorting.start(); });
    QObject::connect(window.filterModel(), &QAbstractItemModel::layoutChanged, &window, [&] {
        sortedMs += double(sorting.nsecsElapsed()) / 1e6;
        ++sorts;
    });
    for (int i = 0; i < repeats; ++i) {
        advanceSandbox(30'000); // numbers move between refreshes, as they do in service
        const double bareCpu0 = threadCpuMs();
        bareMs.push_back(bareRefresh(nam, base, databases, lanes));
        const double windowCpu0 = threadCpuMs();
        sortedMs = 0;
        sorts = 0;
        const auto [wall, stall] = windowRefresh(window);
        const double windowCpu = threadCpuMs() - windowCpu0;
        windowMs.push_back(wall);
        stallMs.push_back(stall);
        sortMs.push_back(sortedMs);
        std::printf("# repeat %d: worst-first order: %d sort(s), %.1f ms\n", i + 1, sorts, sortedMs);
        std::printf("# repeat %d: window %.0f ms (GUI thread CPU %.0f ms, longest stall %.1f ms), bare client %.0f ms "
                    "(CPU %.0f ms)\n",
                    i + 1, wall, windowCpu, stall, bareMs.back(), windowCpu0 - bareCpu0);
    }
    std::printf("# medians: window %.0f ms, bare client %.0f ms\n", median(windowMs), median(bareMs));
    report("dashboard_refresh_vs_bare_client", median(windowMs) / median(bareMs), "ratio", "<=", 1.25);
    report("dashboard_gui_stall_max", median(stallMs), "ms", "<=", 16);
    report("dashboard_worst_first_sort_10k", median(sortMs), "ms", "<=", 10);

    // An hour of history: 120 samples per table (the monitor's default capacity).
    if (quick)
        std::printf("# --quick: no hour of history, no RSS figure\n");
    const int refreshesSoFar = 1 + repeats;
    for (int i = refreshesSoFar; !quick && i < kHistorySamples; ++i) {
        advanceSandbox(30'000);
        QEventLoop loop;
        QObject::connect(window.monitor(), &StatusMonitor::refreshFinished, &loop, &QEventLoop::quit);
        window.refreshNow();
        loop.exec();
    }
    const TableHistory *history = window.monitor()->databaseHistory(databases.first().databaseId);
    std::printf("# history: %d samples per table; VmRSS before the window %.0f MB\n", history ? history->size() : 0,
                baselineMb);
    if (!quick)
        report("dashboard_rss_10k_rows_1h", residentMegabytes(), "MB", "<=", 150);

    window.close();
    QMetaObject::invokeMethod(&serverContext, [&] { delete sandbox; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return 0;
}
