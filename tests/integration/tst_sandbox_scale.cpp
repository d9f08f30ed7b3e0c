// --scale: thousands of workspaces and tens of thousands of tables, for benchmarks, served over
// the same paged API as the demo data.

#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"

#include <QTest>

using namespace fmc::sandbox;

class TestSandboxScale : public QObject
{
    Q_OBJECT
private slots:
    void scale_data();
    void scale();
};

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

QTEST_GUILESS_MAIN(TestSandboxScale)
#include "tst_sandbox_scale.moc"
