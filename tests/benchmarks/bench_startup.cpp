// fmc-bench-startup: the console at tenant scale (issue #19, "Fast at tenant scale") against a
// fabric-sandbox of kWorkspaces workspaces holding kMirrors running mirrored databases (one
// workspace in two), served from its own thread of this process.
//
//   startup_first_list_vs_bare_client  time from process start to the first workspaces in the main
//                                      window (sign-in included), over the time a bare client (a
//                                      QApplication, as any Widgets client needs, with a plain
//                                      QNetworkAccessManager) takes from process start to its first
//                                      parsed page of `GET /workspaces`; both are child processes
//                                      of this executable, so they load the same libraries (the
//                                      figure against a QCoreApplication client is printed too)
//   startup_first_list_ms              the console's figure above in ms (target: within 1 s)
//   startup_fleet_first_rows_ms        from process start to the first mirrors in the fleet
//                                      window, opened as soon as the main window lists
//   startup_fleet_gui_stall_max        longest gap of a 1 ms GUI-thread timer in the console
//                                      process, from opening the fleet window until its last
//                                      detail call answered (the main window keeps loading too)
//   fleet_load_vs_bare_client          the fleet window's complete load (catalog search and its
//                                      unfiltered second pass, then status, tables and
//                                      definition of every mirror) over a bare
//                                      QNetworkAccessManager client making the same requests with
//                                      the same concurrency (in this process, alternating)
//
// The sandbox answers getDefinition with 200 (no long-running operation) so that both clients
// make the same requests; sign-in is the sandbox's Entra client-credentials flow. Medians of the
// repeats. Run: build/tests/benchmarks/fmc-bench-startup [--repeats N] (default 5); with
// FMC_BENCH_TRACE=1 (or =all) a console child also prints the GUI thread's events before its first
// list and the events inside each stall.
#include "app/api/fabricclient.h"
#include "app/api/requests/catalogsearchrequest.h"
#include "app/fleet/bulkactionrunner.h"
#include "app/fleet/fleetloader.h"
#include "app/main/consolecontroller.h"
#include "app/workspacebrowser.h"
#include "models/fleetmodel.h"
#include "models/mirroritemkind.h"
#include "models/json.h"
#include "models/workspacelistmodel.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/sandbox.h"
#include "ui/fleet/fleetfiltermodel.h"
#include "ui/fleet/fleetwindow.h"

#include "benchreport.h"
#include "benchtoken.h"

#include <QApplication>
#include <QFile>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSettings>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <unistd.h>
#include <functional>
#include <memory>
#include <typeinfo>
#include <vector>

using namespace fmc;
using fmc::sandbox::Sandbox;
using fmc::sandbox::SandboxOptions;
using fmc::bench::FixedToken;
using fmc::bench::median;
using fmc::bench::report;

namespace {

constexpr int kWorkspaces = 1000;
constexpr int kMirrors = 500;
constexpr int kDefaultRepeats = 5; // odd: the median is one run

//! Milliseconds since this process started (from /proc: the kernel's start time in clock ticks).
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Field 22 (starttime), counted after the ")" that ends the command name.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble();
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double nowMs = double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
    return nowMs - startTicks * 1e3 / double(sysconf(_SC_CLK_TCK));
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll().trimmed()) : QStringLiteral("?");
}

void say(const char *key, double value)
{
    std::printf("%s %.3f\n", key, value);
    std::fflush(stdout);
}

//! With FMC_BENCH_TRACE set, the GUI thread's events of 0.5 ms or more (every one with
//! FMC_BENCH_TRACE=all): what a stall, or the time to the first list, was made of.
struct TracedEvent {
    qint64 endNs = 0; //!< on traceClock()
    qint64 ns = 0;
    QByteArray what;
};

QElapsedTimer &traceClock()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer c;
        c.start();
        return c;
    }();
    return clock;
}

std::vector<TracedEvent> &tracedEvents()
{
    static std::vector<TracedEvent> events;
    return events;
}

//! Longest gap between two ticks of a 1 ms timer on the GUI thread while it runs.
class StallProbe : public QObject
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 gapNs = m_sinceTick.nsecsElapsed();
            m_longestNs = std::max(m_longestNs, gapNs);
            if (m_trace && gapNs > 12'000'000)
                describeGap(gapNs);
            m_sinceTick.restart();
        });
    }
    void start()
    {
        m_longestNs = 0;
        m_sinceTick.start();
        m_timer.start();
    }
    double stopMs()
    {
        m_timer.stop();
        m_longestNs = std::max(m_longestNs, m_sinceTick.nsecsElapsed());
        return double(m_longestNs) / 1e6;
    }

private:
    //! The events of the gap, and the time in none of them: the process waiting for a core, or
    //! events too short to be recorded.
    static void describeGap(qint64 gapNs)
    {
        const qint64 endNs = traceClock().nsecsElapsed();
        const qint64 startNs = endNs - gapNs;
        qint64 inEvents = 0;
        QByteArray list;
        for (const TracedEvent &e : tracedEvents()) {
            if (e.endNs <= startNs)
                continue;
            inEvents += e.ns;
            list += QByteArray::number(double(e.ns) / 1e6, 'f', 1) + " " + e.what + "; ";
        }
        std::fprintf(stderr, "# stall: %.1f ms at %.0f ms, %.1f ms in no event over 0.5 ms: %s\n", double(gapNs) / 1e6,
                     msSinceProcessStart(), double(gapNs - inEvents) / 1e6, list.constData());
        tracedEvents().clear();
    }

    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    qint64 m_longestNs = 0;
    const bool m_trace = qEnvironmentVariableIsSet("FMC_BENCH_TRACE");
};

//! With FMC_BENCH_TRACE set, names every event the GUI thread took more than 8 ms to deliver:
//! where a stall comes from, to go on with a profiler.
class TracingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_trace)
            return QApplication::notify(receiver, event);
        QElapsedTimer timer;
        timer.start();
        const int type = event->type();
        // The dynamic type: a request's class says which call answered (typeid names are mangled).
        QByteArray what = typeid(*receiver).name() + QByteArray(" ") + receiver->objectName().toLatin1();
        if (receiver->parent()) // a timer is known by its owner
            what += QByteArray(" in ") + typeid(*receiver->parent()).name();
        const bool gui = QThread::currentThread() == thread();
        m_depth += gui;
        const bool result = QApplication::notify(receiver, event);
        m_depth -= gui;
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        // Outermost only: a paint inside an update counts once.
        if ((ms >= 0.5 || m_traceAll) && gui && m_depth == 0) {
            auto &events = tracedEvents();
            if (events.size() > 4096)
                events.erase(events.begin(), events.begin() + 2048);
            events.push_back({traceClock().nsecsElapsed(), timer.nsecsElapsed(),
                              QByteArray::number(type) + " to " + what});
        }
        if (ms > 8)
            std::fprintf(stderr, "# trace: %.1f ms in event %d to %s at %.0f ms\n", ms, type, what.constData(),
                         msSinceProcessStart());
        return result;
    }

private:
    const bool m_trace = qEnvironmentVariableIsSet("FMC_BENCH_TRACE");
    const bool m_traceAll = qEnvironmentVariable("FMC_BENCH_TRACE") == QLatin1String("all");
    int m_depth = 0; //!< events being delivered on the GUI thread, nested included
};

// ---- child: the bare client -------------------------------------------------------------------

enum class BareKind { Core, Gui, View };

int runBareChild(int argc, char *argv[], const QString &apiBase, BareKind kind)
{
    // Gui: the floor of any Widgets client, the QApplication the console needs too. View: also a
    // shown QTableView that the page fills, the floor of any client that shows a list (fonts,
    // style and the first paint included), printed for comparison beside the figure.
    std::unique_ptr<QCoreApplication> app = kind == BareKind::Core ? std::make_unique<QCoreApplication>(argc, argv)
                                                                   : std::make_unique<QApplication>(argc, argv);
    std::unique_ptr<QStandardItemModel> model;
    std::unique_ptr<QTableView> view;
    if (kind == BareKind::View) {
        model = std::make_unique<QStandardItemModel>();
        view = std::make_unique<QTableView>();
        view->setModel(model.get());
        view->resize(800, 600);
        view->show();
    }
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(apiBase + QStringLiteral("/workspaces")));
    request.setRawHeader("Authorization", "Bearer bench");
    QNetworkReply *reply = nam.get(request);
    QObject::connect(reply, &QNetworkReply::finished, app.get(), [reply, &model] {
        const QByteArray body = reply->readAll();
        const Json page = Json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
        const bool listed = page.is_object() && page.contains("value") && !page["value"].empty();
        if (model && listed) {
            for (const Json &workspace : page["value"])
                model->appendRow(new QStandardItem(QString::fromStdString(workspace.value("displayName", std::string()))));
        }
        // As the console's figure: once the event loop has painted what was inserted.
        QTimer::singleShot(0, qApp, [listed] {
            say("FIRST_LIST", msSinceProcessStart());
            QCoreApplication::exit(listed ? 0 : 1);
        });
    });
    return QCoreApplication::exec();
}

// ---- child: the console -----------------------------------------------------------------------

int runConsoleChild(int argc, char *argv[], const QString &serverUrl, const QString &tenant)
{
    QLoggingCategory::setFilterRules(QStringLiteral("fmc.*.debug=false")); // as main.cpp without --verbose
    TracingApplication app(argc, argv);
    const bool trace = qEnvironmentVariableIsSet("FMC_BENCH_TRACE");
    if (trace)
        std::fprintf(stderr, "# trace: QApplication up at %.0f ms\n", msSinceProcessStart());
    // The parent's HOME, shared by every console child: the warm-up child makes the first start
    // (the settings' one-off upgrade), the measured ones are the everyday second start.
    QSettings settings(qEnvironmentVariable("HOME") + QStringLiteral("/console.ini"), QSettings::IniFormat);
    ConsoleController console(&settings);
    console.setKeychainEnabled(false);
    ConsoleController::SandboxEndpoints endpoints;
    endpoints.apiBaseUrl = QUrl(serverUrl).resolved(QUrl(QStringLiteral("/v1")));
    endpoints.auth.authority = QUrl(serverUrl);
    endpoints.auth.tenant = tenant;
    endpoints.auth.clientId = sandbox::EntraEmulator::defaultPublicClientId();
    endpoints.servicePrincipalId = sandbox::EntraEmulator::defaultClientId();
    endpoints.servicePrincipalSecret = sandbox::EntraEmulator::defaultClientSecret();
    console.useSandbox(endpoints);

    StallProbe probe;
    QElapsedTimer fleetClock;
    bool fleetOpened = false;
    const auto openFleet = [&] {
        // As a user would: the fleet window opened once the main window lists something.
        fleetOpened = true;
        probe.start();
        fleetClock.start();
        console.openFleet();
        FleetWindow *fleet = console.fleetWindow();
        auto *firstRows = new QObject(&app);
        QObject::connect(fleet->proxy(), &QAbstractItemModel::rowsInserted, firstRows, [firstRows] {
            // Shown once the event loop has painted what was inserted.
            QTimer::singleShot(0, firstRows, [firstRows] {
                say("FLEET_FIRST_ROWS", msSinceProcessStart());
                firstRows->deleteLater();
            });
        });
        // Its last detail call answered: the stall figure ends there.
        QObject::connect(fleet->loader(), &FleetLoader::detailsLoaded, &app, [&probe, &fleetClock, fleet] {
            say("FLEET_LOADED_MS", double(fleetClock.nsecsElapsed()) / 1e6);
            say("FLEET_STALL_MS", probe.stopMs());
            say("FLEET_ROWS", fleet->proxy()->rowCount());
            QCoreApplication::exit(0);
        });
    };
    QObject::connect(&console, &ConsoleController::message, &app, [](const QString &text) {
        std::fprintf(stderr, "console: %s\n", qPrintable(text));
    });
    console.start();
    if (trace)
        std::fprintf(stderr, "# trace: console started at %.0f ms\n", msSinceProcessStart());
    auto *firstList = new QObject(&app);
    QObject::connect(console.browser()->workspaces(), &QAbstractItemModel::rowsInserted, firstList,
                     [firstList, &openFleet, &fleetOpened] {
                         QTimer::singleShot(0, firstList, [firstList, &openFleet, &fleetOpened] {
                             say("FIRST_LIST", msSinceProcessStart());
                             if (qEnvironmentVariableIsSet("FMC_BENCH_TRACE")) {
                                 // What the GUI thread did before the first list showed.
                                 const double nowMs = msSinceProcessStart();
                                 const qint64 traceNowNs = traceClock().nsecsElapsed();
                                 for (const TracedEvent &e : tracedEvents())
                                     std::fprintf(stderr, "# before the first list: %.1f ms, ending at %.1f ms: %s\n",
                                                  double(e.ns) / 1e6, nowMs - double(traceNowNs - e.endNs) / 1e6,
                                                  e.what.constData());
                                 tracedEvents().clear();
                             }
                             firstList->deleteLater();
                             if (!fleetOpened)
                                 openFleet();
                         });
                     });
    QTimer::singleShot(120'000, &app, [] {
        std::fprintf(stderr, "console child: no complete fleet after 120 s\n");
        QCoreApplication::exit(1);
    });
    return QApplication::exec();
}

// ---- parent -----------------------------------------------------------------------------------

//! Runs this executable with \a arguments and returns its "KEY value" lines.
QHash<QString, double> runChild(const QStringList &arguments, const QString &home)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), arguments);
    QHash<QString, double> values;
    if (!child.waitForFinished(180'000)) {
        child.kill();
        child.waitForFinished();
        std::fprintf(stderr, "child %s did not finish\n", qPrintable(arguments.join(u' ')));
        return values;
    }
    for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> parts = line.trimmed().split(' ');
        if (parts.size() == 2)
            values.insert(QString::fromLatin1(parts[0]), parts[1].toDouble());
    }
    if (child.exitCode() != 0)
        std::fprintf(stderr, "child %s exited with %d\n", qPrintable(arguments.join(u' ')), child.exitCode());
    return values;
}

//! One job of the fleet's detail calls, as the bare client makes it.
struct BareJob {
    QString path; // below /v1
    bool paged = false;
    bool get = false; // the other mirror types' status calls are GETs
};

//! The fleet's requests made by a bare client: the catalog search pages one after the other,
//! then \a jobs with \a lanes in flight (each paged job follows its own pages); returns ms.
double bareFleet(QNetworkAccessManager &nam, const QString &api, const QList<BareJob> &jobs, int lanes)
{
    QEventLoop loop;
    bool failed = false;
    const auto post = [&](const QString &url, const QByteArray &body, bool get, std::function<void(const Json &)> then) {
        QNetworkRequest request{QUrl(url)};
        request.setRawHeader("Authorization", "Bearer bench");
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = get ? nam.get(request) : nam.post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&failed, reply, then] {
            const QByteArray bytes = reply->readAll();
            failed = failed || reply->error() != QNetworkReply::NoError;
            reply->deleteLater();
            then(Json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false));
        });
    };
    const auto tokenOf = [](const Json &page) {
        const auto token = page.is_object() ? page.find("continuationToken") : page.end();
        return token != page.end() && token->is_string() ? QString::fromStdString(token->get<std::string>()) : QString();
    };
    int next = 0, busy = 0;
    std::function<void()> startLane;
    std::function<void(const QString &, bool, bool)> runJob = [&](const QString &url, bool paged, bool get) {
        post(url, {}, get, [&, url, paged, get](const Json &page) {
            const QString token = paged ? tokenOf(page) : QString();
            if (!token.isEmpty()) {
                const QString query = url.section(u'?', 1);
                runJob(url.section(u'?', 0, 0) + u'?' + (query.isEmpty() ? QString() : query + u'&')
                           + QStringLiteral("continuationToken=") + QString::fromLatin1(QUrl::toPercentEncoding(token)),
                       true, get);
                return;
            }
            --busy;
            startLane();
        });
    };
    startLane = [&] {
        if (next >= jobs.size()) {
            if (busy == 0)
                loop.quit();
            return;
        }
        const BareJob &job = jobs.at(next++);
        ++busy;
        runJob(api + job.path, job.paged, job.get);
    };
    // The loader's second, unfiltered pass (the mirror types no filter names) takes one of the
    // lanes until its last page, as it takes one of the client's background slots.
    std::function<void(const QString &)> searchAll = [&](const QString &token) {
        Json query = {{"pageSize", 1000}};
        if (!token.isEmpty())
            query["continuationToken"] = token.toStdString();
        ++busy;
        post(api + QStringLiteral("/catalog/search"), QByteArray::fromStdString(query.dump()), false, [&](const Json &page) {
            --busy;
            if (const QString nextToken = tokenOf(page); !nextToken.isEmpty())
                searchAll(nextToken);
            else
                startLane();
        });
    };
    std::function<void(const QString &)> search = [&](const QString &token) {
        Json query = {{"pageSize", 500},
                      {"filter", CatalogSearchRequest::typeFilter(MirrorItemKind::knownTypes()).toStdString()}};
        if (!token.isEmpty())
            query["continuationToken"] = token.toStdString();
        post(api + QStringLiteral("/catalog/search"), QByteArray::fromStdString(query.dump()), false, [&](const Json &page) {
            const QString nextToken = tokenOf(page);
            if (!nextToken.isEmpty()) {
                search(nextToken);
                return;
            }
            searchAll({});
            for (int i = 1; i < lanes; ++i)
                startLane();
        });
    };
    QElapsedTimer timer;
    timer.start();
    search({});
    loop.exec();
    if (failed)
        std::fprintf(stderr, "bare client: a request failed\n");
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc >= 4 && qstrcmp(argv[1], "--child-bare") == 0)
        return runBareChild(argc, argv, QString::fromLocal8Bit(argv[2]),
                            qstrcmp(argv[3], "gui") == 0    ? BareKind::Gui
                            : qstrcmp(argv[3], "view") == 0 ? BareKind::View
                                                             : BareKind::Core);
    if (argc >= 4 && qstrcmp(argv[1], "--child-console") == 0)
        return runConsoleChild(argc, argv, QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));

    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QLoggingCategory::setFilterRules(QStringLiteral("fmc.*.debug=false"));
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype repeatsAt = args.indexOf(QStringLiteral("--repeats"));
    const int repeats = repeatsAt > 0 ? std::max(1, args.value(repeatsAt + 1).toInt()) : kDefaultRepeats;

    // The server lives in its own thread, so that its work does not count as the GUI's.
    QThread serverThread;
    QObject serverContext;
    serverContext.moveToThread(&serverThread);
    serverThread.start();
    Sandbox *sandbox = nullptr;
    QMetaObject::invokeMethod(&serverContext, [&] {
        SandboxOptions options;
        options.requireAuth = false;
        options.demoData = false;
        options.scaleWorkspaces = kWorkspaces;
        options.scaleMirrors = kMirrors;
        options.lroMode = sandbox::LroMode::Never;
        sandbox = new Sandbox(options);
        sandbox->listen();
    }, Qt::BlockingQueuedConnection);
    const QString server = sandbox->serverUrl().toString();
    const QString api = server + QStringLiteral("/v1");
    const QString tenant = sandbox->entra()->tenantId();
    QTemporaryDir home;

    std::printf("# sandbox: %d workspaces, %d mirrored databases, page size %d; load average %s\n", kWorkspaces,
                kMirrors, sandbox->options().pageSize, qPrintable(loadAverage()));
    std::vector<double> consoleFirst, bareFirst, bareCoreFirst, bareViewFirst, fleetFirst, stalls;
    runChild({QStringLiteral("--child-console"), server, tenant}, home.path()); // warm-up: the first start
    for (int i = 0; i < repeats; ++i) {
        const auto bareCore = runChild({QStringLiteral("--child-bare"), api, QStringLiteral("core")}, home.path());
        const auto bare = runChild({QStringLiteral("--child-bare"), api, QStringLiteral("gui")}, home.path());
        const auto bareView = runChild({QStringLiteral("--child-bare"), api, QStringLiteral("view")}, home.path());
        bareViewFirst.push_back(bareView.value(QStringLiteral("FIRST_LIST"), -1));
        const auto console = runChild({QStringLiteral("--child-console"), server, tenant}, home.path());
        bareCoreFirst.push_back(bareCore.value(QStringLiteral("FIRST_LIST"), -1));
        bareFirst.push_back(bare.value(QStringLiteral("FIRST_LIST"), -1));
        consoleFirst.push_back(console.value(QStringLiteral("FIRST_LIST"), -1));
        fleetFirst.push_back(console.value(QStringLiteral("FLEET_FIRST_ROWS"), -1));
        stalls.push_back(console.value(QStringLiteral("FLEET_STALL_MS"), -1));
        std::printf("# repeat %d: first list: console %.0f ms, bare client %.0f ms (%.0f ms without QApplication); "
                    "fleet first rows %.0f ms, complete in %.0f ms (%.0f rows), longest GUI stall %.1f ms\n",
                    i + 1, consoleFirst.back(), bareFirst.back(), bareCoreFirst.back(), fleetFirst.back(),
                    console.value(QStringLiteral("FLEET_LOADED_MS"), -1), console.value(QStringLiteral("FLEET_ROWS")),
                    stalls.back());
    }
    std::printf("# medians: console %.0f ms, bare client %.0f ms, without QApplication %.0f ms (ratio %.2f)\n",
                median(consoleFirst), median(bareFirst), median(bareCoreFirst),
                median(consoleFirst) / median(bareCoreFirst));
    std::printf("# a bare client showing the page in a QTableView: %.0f ms; the console against it: %.2fx\n",
                median(bareViewFirst), median(consoleFirst) / median(bareViewFirst));
    report("startup_first_list_vs_bare_client", median(consoleFirst) / median(bareFirst), "ratio", "<=", 1.5);
    report("startup_first_list_ms", median(consoleFirst), "ms", "<=", 1000);
    report("startup_fleet_first_rows_ms", median(fleetFirst), "ms", "<=", 1000);
    report("startup_fleet_gui_stall_max", median(stalls), "ms", "<=", 16);

    // The fleet's complete load in this process, against a bare client doing the same requests.
    FixedToken token;
    FabricClient::Config config;
    config.apiBaseUrl = QUrl(api);
    FabricClient client(config, &token);
    WorkspaceBrowser browser(&client);
    FleetLoader loader(&client, &browser);
    // Every repeat makes the unfiltered search too, as the bare client does (a loader otherwise
    // names the types it learnt and skips it for a while: fewer requests than its bare client).
    loader.setOtherTypesFreshFor(std::chrono::milliseconds(0));
    BulkActionRunner runner(&client);
    FleetWindow window(&loader, &runner);
    window.resize(1400, 900);
    {
        // The workspaces (capacity and role) first, and the browser's own crawl out of the way.
        QEventLoop loop;
        QObject::connect(&browser, &WorkspaceBrowser::allDatabasesLoaded, &loop, &QEventLoop::quit);
        browser.reloadWorkspaces();
        loop.exec();
    }
    const auto loadFleet = [&] {
        QEventLoop loop;
        QObject::connect(&loader, &FleetLoader::detailsLoaded, &loop, &QEventLoop::quit);
        QElapsedTimer timer;
        timer.start();
        loader.load();
        loop.exec();
        return double(timer.nsecsElapsed()) / 1e6;
    };
    window.show();
    loadFleet(); // warm-up: connections, and the model knows every mirror
    // The same requests: status of each mirror (by its type's calls), tables of the running
    // ones, definition where allowed.
    QList<BareJob> jobs;
    const FleetModel *model = loader.model();
    for (int r = 0; r < model->rowCount(); ++r) {
        const FleetRow &row = model->rowAt(r);
        const QString ws = row.mirror.database.workspaceId, id = row.mirror.database.id;
        switch (FleetModel::kindOf(row)) {
        case MirrorItemKind::MirroredDatabase:
            jobs.append({QStringLiteral("/workspaces/%1/mirroredDatabases/%2/getMirroringStatus").arg(ws, id)});
            break;
        case MirrorItemKind::MirroredCatalog:
            jobs.append({QStringLiteral("/workspaces/%1/mirroredCatalogs/%2/mirroringStatus?beta=true").arg(ws, id),
                         false, true});
            jobs.append({QStringLiteral("/workspaces/%1/mirroredCatalogs/%2/tablesMirroringStatus?beta=true").arg(ws, id),
                         true, true});
            break;
        case MirrorItemKind::AzureDatabricksCatalog:
            jobs.append({QStringLiteral("/workspaces/%1/mirroredAzureDatabricksCatalogs/%2").arg(ws, id), false, true});
            break;
        case MirrorItemKind::SqlDatabase:
            jobs.append({QStringLiteral("/workspaces/%1/sqlDatabases/%2").arg(ws, id), false, true});
            break;
        default:
            break;
        }
    }
    for (int r = 0; r < model->rowCount(); ++r) {
        const FleetRow &row = model->rowAt(r);
        if (FleetModel::kindOf(row) != MirrorItemKind::MirroredDatabase)
            continue;
        const QString prefix =
            QStringLiteral("/workspaces/%1/mirroredDatabases/%2/").arg(row.mirror.database.workspaceId, row.mirror.database.id);
        if (row.mirror.status && row.mirror.status->status.text == QLatin1String("Running"))
            jobs.append({prefix + QStringLiteral("getTablesMirroringStatus"), true});
        if (row.role != WorkspaceRole::Viewer)
            jobs.append({prefix + QStringLiteral("getDefinition"), false});
    }
    const int lanes = std::min(FleetLoader::kDetailsInFlight, config.maxInFlightBackground);
    QNetworkAccessManager nam;
    bareFleet(nam, api, jobs, lanes); // warm-up
    std::vector<double> fleetMs, bareMs;
    for (int i = 0; i < repeats; ++i) {
        bareMs.push_back(bareFleet(nam, api, jobs, lanes));
        fleetMs.push_back(loadFleet());
        std::printf("# repeat %d: fleet load %.0f ms (%d mirrors, %d requests after the search), bare client %.0f ms\n",
                    i + 1, fleetMs.back(), model->rowCount(), int(jobs.size()), bareMs.back());
    }
    report("fleet_load_vs_bare_client", median(fleetMs) / median(bareMs), "ratio", "<=", 1.25);
    std::printf("# load average at the end %s\n", qPrintable(loadAverage()));

    window.close();
    QMetaObject::invokeMethod(&serverContext, [&] { delete sandbox; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return 0;
}
