#include "tests/support/windowcatalogue.h"

#include "app/fleet/bulkactionrunner.h"
#include "app/fleet/fleetloader.h"
#include "app/readiness/readinesscheck.h"
#include "app/settings/consolesettings.h"
#include "app/watch/backgroundwatch.h"
#include "sandbox/entra/entraemulator.h"
#include "ui/aboutdialog.h"
#include "ui/dashboard/dashboardfiltermodel.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/dashboard/sincelastlookeddialog.h"
#include "ui/dashboard/trendchart.h"
#include "ui/editor/definitioneditor.h"
#include "ui/editor/definitioneditorlauncher.h"
#include "ui/fleet/fleetfiltermodel.h"
#include "ui/fleet/fleetwindow.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/readiness/readinessdialog.h"
#include "ui/environments/comparedialog.h"
#include "ui/environments/environmentpicker.h"
#include "ui/environments/promotedialog.h"
#include "ui/settings/settingsdialog.h"
#include "ui/signin/signindialog.h"
#include "ui/tray/backgroundwatchdialog.h"
#include "ui/tray/traycontroller.h"
#include "app/profiles/profilesessions.h"
#include "app/profiles/profilestore.h"
#include "ui/profiles/profiledecorator.h"
#include "ui/profiles/profilemanagerdialog.h"

#include <QPushButton>
#include <QAbstractItemView>
#include <QDateTime>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace fmc::test {

namespace {

//! Selects the row of \a view whose first or second column reads \a text; false until it exists.
bool selectRow(QAbstractItemView *view, const QString &text)
{
    const QAbstractItemModel *model = view ? view->model() : nullptr;
    if (!model)
        return false;
    for (int row = 0; row < model->rowCount(); ++row)
        for (int column = 0; column < std::min(model->columnCount(), 2); ++column)
            if (model->index(row, column).data().toString() == text) {
                const QModelIndex index = model->index(row, 0);
                view->setCurrentIndex(index);
                view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                return true;
            }
    return false;
}

} // namespace

WindowCatalogue::WindowCatalogue()
    : m_browser(harness.client.get())
{
}

WindowCatalogue::~WindowCatalogue()
{
    if (m_window && m_window != m_main.get() && !m_owned)
        delete m_window.data();
    m_owned.reset(); // before the fleet's loader, which its window shows
}

QStringList WindowCatalogue::names()
{
    return {QStringLiteral("main"),          QStringLiteral("editor-create"), QStringLiteral("editor-edit"),
            QStringLiteral("dashboard-one"), QStringLiteral("dashboard-all"), QStringLiteral("settings"),
            QStringLiteral("sign-in"),       QStringLiteral("about"),       QStringLiteral("background-watch"),
            QStringLiteral("readiness"),     QStringLiteral("profiles"),    QStringLiteral("compare"),
            QStringLiteral("promote"),       QStringLiteral("fleet"),       QStringLiteral("since-last-looked-start"),
            QStringLiteral("dashboard-items")};
}

QWidget *WindowCatalogue::open(const QString &name, const QSize &size, QString *error)
{
    if (m_window)
        m_window->close();
    if (m_window && m_window != m_main.get() && !m_owned)
        delete m_window.data();
    m_owned.reset();
    m_window.clear();

    const WatchedDatabase sensors = harness.database(QStringLiteral("SensorLanding"));
    const WatchedDatabase ledger = harness.database(QStringLiteral("LedgerMirror"));
    std::function<bool()> filled = [] { return true; };
    QString awaited;
    if (name == QLatin1String("main")) {
        if (!m_main) {
            m_main = std::make_unique<MainWindow>();
            m_main->setBrowser(&m_browser);
            m_main->setClient(harness.client.get());
            m_main->setSignedIn(QStringLiteral("sandbox service principal"),
                                harness.client->config().apiBaseUrl.toString());
            m_browser.reloadWorkspaces();
        }
        m_window = m_main.get();
        MainWindow *main = m_main.get();
        awaited = QStringLiteral("SalesMirror selected in Sales Analytics");
        filled = [main] {
            return selectRow(main->findChild<QAbstractItemView *>(QStringLiteral("workspaceList")),
                             QStringLiteral("Sales Analytics"))
                   && selectRow(main->findChild<QAbstractItemView *>(QStringLiteral("mirroredDatabaseTable")),
                                QStringLiteral("SalesMirror"));
        };
    } else if (name == QLatin1String("editor-create")) {
        DefinitionEditor *editor = DefinitionEditorLauncher::openCreate(harness.client.get(), sensors.workspaceId);
        m_window = editor;
        awaited = QStringLiteral("the connections");
        filled = [editor] { return !editor->isLoading(); };
    } else if (name == QLatin1String("editor-edit")) {
        DefinitionEditor *editor = DefinitionEditorLauncher::openEdit(harness.client.get(), ledger.workspaceId,
                                                                      ledger.databaseId);
        m_window = editor;
        awaited = QStringLiteral("the definition of LedgerMirror");
        // getDefinition is a long-running operation that ends on the sandbox's clock, which the
        // harness keeps paused: move it on while waiting.
        filled = [this, editor] {
            harness.sandbox->advanceClock(1000);
            return !editor->isLoading();
        };
    } else if (name.startsWith(QLatin1String("dashboard-"))) {
        auto dashboard = std::make_unique<DashboardWindow>(harness.client.get());
        dashboard->setRefreshInterval(std::chrono::hours(1));
        QList<WatchedDatabase> watched{sensors};
        if (name == QLatin1String("dashboard-all"))
            for (const auto &ws : harness.sandbox->state()->workspaces())
                for (sandbox::FabricState::Mirror *m : harness.sandbox->state()->mirrors(ws.id))
                    if (m->id != sensors.databaseId)
                        watched.append({ws.id, m->id, m->displayName});
        // Every other mirror item type beside the database (issue #19 part 3): compact headers
        // with their own words, a catalog's tables with n/a metrics.
        if (name == QLatin1String("dashboard-items"))
            for (const auto &ws : harness.sandbox->state()->workspaces())
                for (const auto &listed : harness.sandbox->state()->mirrorItems().listed(ws.id))
                    if (QStringList{QStringLiteral("IcebergSales"), QStringLiteral("UnityFinance"), QStringLiteral("OrdersDb"),
                                    QStringLiteral("SensorEvents")}
                            .contains(listed.displayName))
                        watched.append({ws.id, listed.id, listed.displayName, listed.type});
        dashboard->watch(watched);
        DashboardWindow *window = dashboard.get();
        awaited = QStringLiteral("the first refresh");
        // The chart follows a refresh within its 50 ms coalescing: a grab before it showed
        // "Waiting for the first refresh…" over a refreshed dashboard.
        filled = [window] {
            const TrendChart *chart = window->trendChart();
            return !window->monitor()->isRefreshing() && window->filterModel()->rowCount() > 0
                && (chart->pointCount() > 0 || !chart->emptyText().startsWith(QLatin1String("Waiting")));
        };
        m_window = window;
        m_owned = std::move(dashboard);
    } else if (name == QLatin1String("settings")) {
        m_owned = std::make_unique<SettingsDialog>(ConsoleSettings());
        m_window = m_owned.get();
    } else if (name == QLatin1String("sign-in")) {
        AuthConfig auth;
        auth.authority = harness.sandbox->serverUrl();
        auth.tenant = harness.sandbox->entra()->tenantId();
        auth.clientId = sandbox::EntraEmulator::defaultPublicClientId();
        m_owned = std::make_unique<SignInDialog>(harness.session.get(), auth);
        m_window = m_owned.get();
    } else if (name == QLatin1String("readiness")) {
        auto dialog = std::make_unique<ReadinessDialog>(harness.client.get(), DefinitionLimits{},
                                                        ReadinessDialog::Purpose::BeforeStart);
        dialog->check(ledger.workspaceId, ledger.databaseId, ledger.displayName);
        ReadinessDialog *readiness = dialog.get();
        awaited = QStringLiteral("every check of LedgerMirror");
        filled = [this, readiness] { // its calls may be long-running, on the paused clock
            harness.sandbox->advanceClock(1000);
            return !readiness->readinessCheck()->isRunning();
        };
        m_window = readiness;
        m_owned = std::move(dialog);
    } else if (name == QLatin1String("compare") || name == QLatin1String("promote")) {
        // Compare and Promote within the one tenant of the harness (the second is tst_promote's).
        const EnvironmentTargets targets{EnvironmentTarget{harness.client.get(), QStringLiteral("DEV"), QColor(0x2e, 0x7d, 0x32), false}};
        if (name == QLatin1String("compare")) {
            auto dialog = std::make_unique<CompareDialog>(targets);
            dialog->left()->preselect(0, ledger.workspaceId, ledger.databaseId);
            dialog->right()->preselect(0, sensors.workspaceId, sensors.databaseId);
            CompareDialog *compare = dialog.get();
            awaited = QStringLiteral("the comparison of LedgerMirror and SensorLanding");
            filled = [this, compare] { // getDefinition may be long-running, on the paused clock
                harness.sandbox->advanceClock(1000);
                if (compare->compareButton()->isEnabled() && !compare->diffView())
                    compare->compareButton()->click();
                return compare->diffView() != nullptr;
            };
            m_window = compare;
            m_owned = std::move(dialog);
        } else {
            auto dialog = std::make_unique<PromoteDialog>(targets.first(), ledger.workspaceId, ledger.databaseId,
                                                          ledger.displayName, targets, DefinitionLimits{});
            dialog->targetPicker()->preselect(0, sensors.workspaceId);
            PromoteDialog *promote = dialog.get();
            awaited = QStringLiteral("the definition of LedgerMirror and the target workspace");
            filled = [this, promote] {
                harness.sandbox->advanceClock(1000);
                return promote->dryRunButton()->isEnabled();
            };
            m_window = promote;
            m_owned = std::move(dialog);
        }
    } else if (name == QLatin1String("about")) {
        m_owned = std::make_unique<AboutDialog>();
        m_window = m_owned.get();
    } else if (name == QLatin1String("background-watch")) {
        if (!m_watch) {
            m_watchDir = std::make_unique<QTemporaryDir>();
            m_watchSettings = std::make_unique<QSettings>(m_watchDir->filePath(QStringLiteral("watch.ini")),
                                                          QSettings::IniFormat);
            m_watch = std::make_unique<BackgroundWatch>(harness.client.get(), m_watchSettings.get());
            m_watch->setWatched(sensors, true);
            m_watch->setWatched(ledger, true);
            m_tray = std::make_unique<TrayController>(m_watch.get(), QStringLiteral("/usr/bin/fabric-mirroring-console"));
        }
        m_owned = std::make_unique<BackgroundWatchDialog>(m_watch.get(), m_tray.get(),
                                                          [sensors] { return QList<WatchedDatabase>{sensors}; });
        m_window = m_owned.get();
    } else if (name == QLatin1String("profiles")) {
        if (!m_profiles) {
            if (!m_watchDir)
                m_watchDir = std::make_unique<QTemporaryDir>();
            m_profileSettings = std::make_unique<QSettings>(m_watchDir->filePath(QStringLiteral("profiles.ini")),
                                                            QSettings::IniFormat);
            m_profiles = std::make_unique<ProfileStore>(m_profileSettings.get());
            m_profileSessions = std::make_unique<ProfileSessions>(harness.session->secretStore());
            Profile prod;
            prod.id = Profile::newId();
            prod.name = QStringLiteral("Contoso production");
            prod.label = QStringLiteral("PROD");
            prod.production = true;
            prod.colour = Profile::productionColour();
            m_profiles->save(prod);
        }
        auto dialog = std::make_unique<ProfileManagerDialog>(m_profiles.get(), m_profileSessions.get());
        // Marked as it is when opened from a production profile's window.
        ProfileDecorator::setProfile(dialog.get(), m_profiles->profiles().constFirst());
        m_window = dialog.get();
        m_owned = std::move(dialog);
    } else if (name == QLatin1String("fleet")) {
        if (!m_fleet) {
            m_fleet = std::make_unique<FleetLoader>(harness.client.get(), &m_browser);
            m_bulk = std::make_unique<BulkActionRunner>(harness.client.get());
        }
        auto window = std::make_unique<FleetWindow>(m_fleet.get(), m_bulk.get());
        FleetWindow *fleet = window.get();
        FleetLoader *loader = m_fleet.get();
        awaited = QStringLiteral("every mirror with its details");
        filled = [this, loader, fleet] { // definitions may be long-running, on the paused clock
            harness.sandbox->advanceClock(1000);
            return !loader->isLoading() && loader->source() != FleetLoader::Source::None
                   && fleet->proxy()->rowCount() > 0;
        };
        m_window = fleet;
        m_owned = std::move(window);
    } else if (name == QLatin1String("since-last-looked-start")) {
        // The console's start: two databases with news, each under its name.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 seen = now - 3LL * 24 * 3600 * 1000;
        QList<DatabaseSummary> databases;
        for (const WatchedDatabase &db : {sensors, ledger}) {
            const auto event = [&db](const char *kind, qint64 t, const QString &table, const QString &after) {
                return HistoryEvent{db.databaseId, t, QLatin1String(kind), table.isEmpty() ? QString() : QStringLiteral("dbo"),
                                    table, {}, after, QStringLiteral("SourceTableNotFound"), {}};
            };
            const QList<HistoryEvent> events{event("TableFailed", seen + 3600'000, QStringLiteral("orders"), {}),
                                             event("TableRecovered", seen + 7200'000, QStringLiteral("orders"),
                                                   QStringLiteral("Replicating")),
                                             event("MirroringStopped", seen + 9000'000, {}, QStringLiteral("Stopped")),
                                             event("TableFailed", now - 600'000, QStringLiteral("customers"), {})};
            databases.append({{db.databaseId, db.workspaceId, db.displayName, seen},
                              HistorySummary::summarize(events, seen, now)});
        }
        m_owned = std::make_unique<SinceLastLookedDialog>(databases);
        m_window = m_owned.get();
    } else {
        *error = QStringLiteral("no window named %1").arg(name);
        return nullptr;
    }
    m_window->resize(size);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window) || !QTest::qWaitFor(filled, 20000)) {
        *error = QStringLiteral("%1 never showed %2").arg(name, awaited);
        return nullptr;
    }
    // Settle: pending layouts, and a window that resized itself while it filled.
    m_window->resize(size);
    QTest::qWait(50);
    return m_window;
}

} // namespace fmc::test
