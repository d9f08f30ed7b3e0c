// fmc start, stop, rename, rm and refresh-endpoint against the sandbox: the calls each makes, the
// console's gating, and the exit codes.

#include "sandbox/fabricstate.h"
#include "sandbox/faultrule.h"
#include "tests/support/clifixture.h"

#include <QTest>

using namespace fmc;
using namespace fmc::test;

class TestCliActions : public CliFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        sandbox::SandboxOptions options;
        options.speed = 20; // Starting → Running and Stopping → Stopped in a fraction of a second
        startSandbox(options);
    }
    void init() { m_sandbox->clearFaults(); m_sandbox->clearRequestLog(); }

    void startAndStop()
    {
        const QString db = QStringLiteral("Finance/LedgerMirror");
        const CliRun start = fmc({QStringLiteral("start"), db, QStringLiteral("--output"), QStringLiteral("json")});
        QCOMPARE(start.exitCode, 0);
        QVERIFY(start.json()["action"] == Json("start"));
        QVERIFY2(start.errText().contains(QLatin1String("reseeds")), start.err.constData()); // start after stop
        QCOMPARE(requestsFor(QStringLiteral("Mirroring_StartMirroring")), 1);
        QVERIFY(QTest::qWaitFor([this] { return mirrorStatus("Finance", "LedgerMirror") == u"Running"; }, 5000));

        const CliRun again = fmc({QStringLiteral("start"), db});
        QCOMPARE(again.exitCode, 1); // gated like the console: Running cannot start
        QCOMPARE(requestsFor(QStringLiteral("Mirroring_StartMirroring")), 1);

        const CliRun stop = fmc({QStringLiteral("stop"), db});
        QCOMPARE(stop.exitCode, 0);
        QVERIFY(stop.out.isEmpty()); // quiet when piped
        QCOMPARE(requestsFor(QStringLiteral("Mirroring_StopMirroring")), 1);
        QVERIFY(QTest::qWaitFor([this] { return mirrorStatus("Finance", "LedgerMirror") == u"Stopped"; }, 5000));
    }

    void renameAndRemove()
    {
        const QString id = mirrorId(QStringLiteral("Finance"), QStringLiteral("SnowflakeMirror"));
        const QString description = m_sandbox->state()->mirror(workspaceId(QStringLiteral("Finance")), id)->description;
        const CliRun rename = fmc({QStringLiteral("rename"), QStringLiteral("Finance/SnowflakeMirror"), QStringLiteral("Snowy")});
        QCOMPARE(rename.exitCode, 0);
        auto *renamed = m_sandbox->state()->mirror(workspaceId(QStringLiteral("Finance")), id);
        QCOMPARE(renamed->displayName, QStringLiteral("Snowy"));
        QCOMPARE(renamed->description, description); // kept, not blanked

        const CliRun rm = fmc({QStringLiteral("rm"), QStringLiteral("Finance/") + id, QStringLiteral("--yes"),
                               QStringLiteral("--output"), QStringLiteral("json")});
        QCOMPARE(rm.exitCode, 0);
        QVERIFY(rm.json()["displayName"] == Json("Snowy"));
        QVERIFY(!m_sandbox->state()->mirror(workspaceId(QStringLiteral("Finance")), id));
        const CliRun gone = fmc({QStringLiteral("status"), QStringLiteral("Finance/Snowy")});
        QCOMPARE(gone.exitCode, 4);
    }

    void refreshEndpoint()
    {
        const CliRun run = fmc({QStringLiteral("refresh-endpoint"), QStringLiteral("Sales Analytics/SalesMirror"),
                                QStringLiteral("--output"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0 || run.exitCode == 6, run.err.constData());
        Json json = run.json();
        QCOMPARE(toQString(json["id"].get<std::string>()), mirrorId(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror")));
        QVERIFY(json["tables"].is_array());
        QVERIFY(json["tables"].size() > 0);
        QCOMPARE(requestsFor(QStringLiteral("Items_RefreshSqlEndpointMetadata")), 1);

        sandbox::FaultRule fail;
        fail.kind = sandbox::FaultRule::Kind::FailTables;
        fail.operation = QStringLiteral("refreshSqlEndpointMetadata");
        for (const Json &t : json["tables"])
            if (t["status"] == "Success" && fail.tables.isEmpty())
                fail.tables << toQString(t["table"].get<std::string>());
        QVERIFY(!fail.tables.isEmpty());
        m_sandbox->addFault(fail);
        const CliRun failed = fmc({QStringLiteral("refresh-endpoint"), QStringLiteral("Sales Analytics/SalesMirror")});
        QCOMPARE(failed.exitCode, 6);
        QVERIFY2(failed.errText().contains(QLatin1String("failed to sync")), failed.err.constData());
        QVERIFY(failed.outText().contains(QLatin1String("Failure")));
    }

};

QTEST_GUILESS_MAIN(TestCliActions)
#include "tst_cli_actions.moc"
