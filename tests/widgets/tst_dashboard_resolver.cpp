// The --dashboard argument resolved against the real fabric-sandbox over loopback: names and ids,
// any case, WORKSPACE/all and all; unknown and ambiguous names are errors that name candidates.
// (An integration test; it lives with the dashboard's tests because it is the dashboard's input.)

#include "tests/support/dashboardharness.h"
#include "tests/support/timefactor.h"

#include "app/dashboard/dashboardtargetresolver.h"

#include <QSignalSpy>
#include <QTest>

using namespace fmc;
using namespace fmc::test;

class TestDashboardResolver : public QObject
{
    Q_OBJECT
private slots:
    void resolves_data();
    void resolves();
    void resolvesAll();
    void refuses_data();
    void refuses();
    void ambiguousNameListsCandidates();
    void newResolveSupersedesTheOld();

private:
    QString workspaceId(DashboardHarness &h, const QString &name)
    {
        for (const auto &ws : h.sandbox->state()->workspaces())
            if (ws.displayName == name)
                return ws.id;
        return {};
    }
};

void TestDashboardResolver::resolves_data()
{
    QTest::addColumn<QString>("spec");      // $WS / $DB are replaced by ids
    QTest::addColumn<QStringList>("names");
    const QStringList sales{QStringLiteral("SalesMirror")};
    QTest::addRow("names") << QStringLiteral("Sales Analytics/SalesMirror") << sales;
    QTest::addRow("names in another case") << QStringLiteral("sales analytics/SALESMIRROR") << sales;
    QTest::addRow("spaces around") << QStringLiteral("  Sales Analytics / SalesMirror ") << sales;
    QTest::addRow("ids") << QStringLiteral("$WS/$DB") << sales;
    QTest::addRow("upper-case ids") << QStringLiteral("$WSU/$DBU") << sales;
    QTest::addRow("workspace id, database name") << QStringLiteral("$WS/salesmirror") << sales;
    QTest::addRow("database only") << QStringLiteral("SensorLanding") << QStringList{QStringLiteral("SensorLanding")};
    QTest::addRow("database id only") << QStringLiteral("$DB") << sales;
    QTest::addRow("workspace/all") << QStringLiteral("Sales Analytics/all")
                                   << QStringList{QStringLiteral("SalesArchive"), QStringLiteral("SalesMirror")};
}

void TestDashboardResolver::resolves()
{
    QFETCH(QString, spec);
    QFETCH(QStringList, names);
    DashboardHarness h;
    const WatchedDatabase sales = h.database(QStringLiteral("SalesMirror"));
    spec.replace(QStringLiteral("$WSU"), sales.workspaceId.toUpper()).replace(QStringLiteral("$DBU"), sales.databaseId.toUpper());
    spec.replace(QStringLiteral("$WS"), sales.workspaceId).replace(QStringLiteral("$DB"), sales.databaseId);

    DashboardTargetResolver resolver(h.client.get());
    QSignalSpy resolved(&resolver, &DashboardTargetResolver::resolved);
    QSignalSpy failed(&resolver, &DashboardTargetResolver::failed);
    resolver.resolve(spec);
    QVERIFY(resolver.isResolving());
    QVERIFY(resolved.wait(scaledMs(15000)));
    QCOMPARE(failed.count(), 0);
    const auto databases = resolved.first().first().value<QList<WatchedDatabase>>();
    QStringList got;
    for (const WatchedDatabase &db : databases) {
        got << db.displayName;
        QCOMPARE(h.database(db.displayName).databaseId, db.databaseId);
        QCOMPARE(h.database(db.displayName).workspaceId, db.workspaceId);
    }
    QCOMPARE(got, names);
    QVERIFY(!resolver.isResolving());
}

void TestDashboardResolver::resolvesAll()
{
    DashboardHarness h;
    DashboardTargetResolver resolver(h.client.get());
    QSignalSpy resolved(&resolver, &DashboardTargetResolver::resolved);
    resolver.resolve(QStringLiteral("ALL"));
    QVERIFY(resolved.wait(scaledMs(15000)));
    const auto databases = resolved.first().first().value<QList<WatchedDatabase>>();
    QStringList expected;
    for (const auto &ws : h.sandbox->state()->workspaces())
        for (auto *m : h.sandbox->state()->mirrors(ws.id))
            expected << m->id;
    QStringList got;
    for (const WatchedDatabase &db : databases)
        got << db.databaseId;
    std::sort(expected.begin(), expected.end());
    std::sort(got.begin(), got.end());
    QCOMPARE(got, expected);
}

void TestDashboardResolver::refuses_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("mustMention");
    QTest::addRow("empty") << QString() << QStringLiteral("WORKSPACE/DATABASE");
    QTest::addRow("empty workspace") << QStringLiteral("/SalesMirror") << QStringLiteral("a part is empty");
    QTest::addRow("empty database") << QStringLiteral("Finance/") << QStringLiteral("a part is empty");
    QTest::addRow("unknown workspace") << QStringLiteral("Nowhere/SalesMirror") << QStringLiteral("'Nowhere'");
    // The candidates in the workspace are listed, so the user can correct a typo.
    QTest::addRow("unknown database") << QStringLiteral("Sales Analytics/SalesMirorr") << QStringLiteral("Sales Analytics/SalesArchive");
    QTest::addRow("database in another workspace") << QStringLiteral("Finance/SalesMirror") << QStringLiteral("Finance/LedgerMirror");
    QTest::addRow("not a mirror") << QStringLiteral("Sales Analytics/SalesLakehouse") << QStringLiteral("'SalesLakehouse'");
    QTest::addRow("workspace without mirrors") << QStringLiteral("My workspace/all") << QStringLiteral("no mirrored database");
}

void TestDashboardResolver::refuses()
{
    QFETCH(QString, spec);
    QFETCH(QString, mustMention);
    DashboardHarness h;
    DashboardTargetResolver resolver(h.client.get());
    QSignalSpy resolved(&resolver, &DashboardTargetResolver::resolved);
    QSignalSpy failed(&resolver, &DashboardTargetResolver::failed);
    resolver.resolve(spec);
    QCOMPARE(failed.count(), 0); // never synchronously
    QVERIFY(failed.wait(scaledMs(15000)));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(resolved.count(), 0);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(mustMention, Qt::CaseInsensitive), qPrintable(message));
}

void TestDashboardResolver::ambiguousNameListsCandidates()
{
    DashboardHarness h;
    // The same mirrored database name in two workspaces.
    const QByteArray json = R"({"properties":{"source":{"type":"GenericMirror","typeProperties":{}},)"
                            R"("target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta"}}}})";
    const QString finance = workspaceId(h, QStringLiteral("Finance"));
    const QString ops = workspaceId(h, QStringLiteral("Operations"));
    QVERIFY(!finance.isEmpty() && !ops.isEmpty());
    QVERIFY(!h.sandbox->state()->createMirror(finance, QStringLiteral("Landing"), {}, {}, json, {}, nullptr));
    QVERIFY(!h.sandbox->state()->createMirror(ops, QStringLiteral("landing"), {}, {}, json, {}, nullptr));

    DashboardTargetResolver resolver(h.client.get());
    QSignalSpy failed(&resolver, &DashboardTargetResolver::failed);
    QSignalSpy resolved(&resolver, &DashboardTargetResolver::resolved);
    resolver.resolve(QStringLiteral("LANDING"));
    QVERIFY(failed.wait(scaledMs(15000)));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("ambiguous")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Finance/Landing")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Operations/landing")), qPrintable(message));
    QVERIFY2(message.contains(finance), qPrintable(message)); // ids, which are never ambiguous

    // Naming the workspace resolves it.
    resolver.resolve(QStringLiteral("operations/Landing"));
    QVERIFY(resolved.wait(scaledMs(15000)));
    const auto databases = resolved.first().first().value<QList<WatchedDatabase>>();
    QCOMPARE(databases.size(), 1);
    QCOMPARE(databases.first().workspaceId, ops);
}

void TestDashboardResolver::newResolveSupersedesTheOld()
{
    DashboardHarness h;
    DashboardTargetResolver resolver(h.client.get());
    QSignalSpy resolved(&resolver, &DashboardTargetResolver::resolved);
    QSignalSpy failed(&resolver, &DashboardTargetResolver::failed);
    resolver.resolve(QStringLiteral("Nowhere/x"));
    resolver.resolve(QStringLiteral("Finance/LedgerMirror"));
    QVERIFY(resolved.wait(scaledMs(15000)));
    QCOMPARE(resolved.first().first().value<QList<WatchedDatabase>>().first().displayName, QStringLiteral("LedgerMirror"));
    // The client answers in order, so the first resolve's answer would have come before this.
    QCOMPARE(failed.count(), 0);
    QCOMPARE(resolved.count(), 1);
}

QTEST_MAIN(TestDashboardResolver)
#include "tst_dashboard_resolver.moc"
