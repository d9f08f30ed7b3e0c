// --scale: thousands of workspaces and tens of thousands of tables, for benchmarks, served over
// the same paged API as the demo data; a fraction of them with mirrors of the other types too,
// the same for the same seed, kept across a state file.

#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace fmc::sandbox;

class TestSandboxScale : public QObject
{
    Q_OBJECT
private slots:
    void scale_data();
    void scale();
    void otherMirrorTypes_data();
    void otherMirrorTypes();
    void stateKeepsOtherMirrorTypes();

private:
    //! Every mirror item of the other types, by workspace: "type name status".
    static std::map<QString, QStringList> otherMirrors(FabricState *state);
};

std::map<QString, QStringList> TestSandboxScale::otherMirrors(FabricState *state)
{
    std::map<QString, QStringList> items;
    MirrorItemStore &store = state->mirrorItems();
    for (const auto &ws : state->workspaces()) {
        for (const auto &listed : store.listed(ws.id))
            items[ws.id] << listed.type + u' ' + listed.id + u' ' + listed.displayName;
        for (const auto *c : store.catalogs(ws.id))
            items[ws.id] << c->id + u' ' + c->status + u' ' + QString::number(c->tables.size());
        for (const auto *c : store.databricksCatalogs(ws.id))
            items[ws.id] << c->id + u' ' + c->syncStatus + u' ' + c->catalogName;
        for (const auto *d : store.sqlDatabases(ws.id))
            items[ws.id] << d->id + u' ' + d->databaseName + u' ' + QString::number(d->stops);
    }
    return items;
}

void TestSandboxScale::scale_data()
{
    QTest::addColumn<int>("workspaces");
    QTest::addRow("2,000 workspaces") << 2000;
    QTest::addRow("3,000 workspaces") << 3000;
}

void TestSandboxScale::scale()
{
    QFETCH(int, workspaces);
    SandboxOptions options;
    options.demoData = false;
    options.scaleWorkspaces = workspaces;
    Sandbox sandbox(options);
    FabricState *state = sandbox.state();
    QCOMPARE(int(state->workspaces().size()), workspaces);

    qsizetype mirrors = 0;
    qsizetype tables = 0;
    for (const auto &ws : state->workspaces())
        for (FabricState::Mirror *m : state->mirrors(ws.id)) {
            ++mirrors;
            tables += qsizetype(state->tables(m).size());
        }
    QVERIFY(mirrors >= workspaces);
    QVERIFY2(tables >= 10 * workspaces / 2, qPrintable(QString::number(tables))); // tens of thousands
    QVERIFY(tables >= 10000);

    // The same seed builds the same tenant.
    Sandbox again(options);
    QCOMPARE(again.state()->workspaces().constFirst().id, state->workspaces().constFirst().id);
    QCOMPARE(again.state()->workspaces().constLast().displayName, state->workspaces().constLast().displayName);
}

void TestSandboxScale::otherMirrorTypes_data()
{
    QTest::addColumn<int>("workspaces");
    QTest::addColumn<int>("mirrors"); // --scale-mirrors; -1: one in each workspace
    QTest::addRow("--scale 200 --scale-mirrors 120") << 200 << 120;
    QTest::addRow("--scale 300") << 300 << -1;
}

void TestSandboxScale::otherMirrorTypes()
{
    QFETCH(int, workspaces);
    QFETCH(int, mirrors);
    SandboxOptions options;
    options.demoData = false;
    options.scaleWorkspaces = workspaces;
    options.scaleMirrors = mirrors;
    Sandbox sandbox(options);
    FabricState *state = sandbox.state();
    const int databases = mirrors < 0 ? workspaces : mirrors;
    // One item of another type for every tenth generated mirror, in that mirror's workspace.
    const int expected = databases / FabricState::kScaleOtherMirrorEvery;
    std::map<QString, int> byType;
    int failedCatalogs = 0;
    for (const auto &ws : state->workspaces()) {
        const auto listed = state->mirrorItems().listed(ws.id);
        if (listed.isEmpty())
            continue;
        QCOMPARE(listed.size(), 1);
        QCOMPARE(state->mirrors(ws.id).size(), 1);
        ++byType[listed.first().type];
        for (const auto *c : state->mirrorItems().catalogs(ws.id))
            failedCatalogs += c->status == QLatin1String("Failed");
        for (const auto *c : state->mirrorItems().databricksCatalogs(ws.id))
            failedCatalogs += c->syncStatus == QLatin1String("Failed");
    }
    int total = 0;
    for (const auto &[type, n] : byType)
        total += n;
    QCOMPARE(total, expected);
    // Each kind in turn: mirrored catalog, Databricks catalog, SQL database.
    QCOMPARE(byType[QStringLiteral("MirroredCatalog")], (expected + 2) / 3);
    QCOMPARE(byType[QStringLiteral("MirroredAzureDatabricksCatalog")], (expected + 1) / 3);
    QCOMPARE(byType[QStringLiteral("SQLDatabase")], expected / 3);
    QVERIFY(failedCatalogs >= 1); // every fourth catalog of each kind
    QVERIFY(failedCatalogs < expected / 3);
    // The same seed builds the same items, ids included.
    Sandbox again(options);
    QCOMPARE(otherMirrors(again.state()), otherMirrors(state));
}

void TestSandboxScale::stateKeepsOtherMirrorTypes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SandboxOptions options;
    options.scaleWorkspaces = 100; // the demo's items and the generated ones
    options.stateFile = dir.filePath(QStringLiteral("state.json"));
    std::map<QString, QStringList> saved;
    {
        Sandbox sandbox(options);
        FabricState *state = sandbox.state();
        // States the calls move, so that the file has to keep more than the seed gives.
        for (const auto &ws : state->workspaces()) {
            for (auto *c : state->mirrorItems().catalogs(ws.id))
                c->status = QStringLiteral("Stopped");
            for (auto *d : state->mirrorItems().sqlDatabases(ws.id))
                d->stops = 2;
        }
        QString why;
        QVERIFY2(sandbox.saveState(&why), qPrintable(why));
        saved = otherMirrors(state);
    }
    QVERIFY(saved.size() >= 4); // three demo workspaces and generated ones
    // Another start from the file alone: no demo, no scale, every item as it was left.
    SandboxOptions fromFile;
    fromFile.demoData = false;
    fromFile.seed = 7;
    fromFile.stateFile = options.stateFile;
    Sandbox reloaded(fromFile);
    QCOMPARE(otherMirrors(reloaded.state()), saved);
}

QTEST_GUILESS_MAIN(TestSandboxScale)
#include "tst_sandbox_scale.moc"
