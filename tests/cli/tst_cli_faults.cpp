// Built twice (CMake), so each suite stays quick: FMC_CLI_FAULTS_WRITES 0 for the reads (ls,
// status), 1 for the calls that change something (start, stop, create) and for wait.
// Every kind of fmc command under 429 and 503 from the sandbox: retried when that is safe and sent
// once when it is not, with the exit code a script can branch on (5 throttled out, 1 failed or
// outcome unknown).

#include "sandbox/fabricstate.h"
#include "sandbox/faultrule.h"
#include "tests/support/clifixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace fmc;
using namespace fmc::test;

class TestCliFaults : public CliFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startSandbox(); }
    void init()
    {
        m_sandbox->clearFaults();
        m_sandbox->clearRequestLog();
    }

    void faults_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("requests");
#if FMC_CLI_FAULTS_WRITES
        QTest::addRow("429 on start: re-sent") << QStringList{"start", "Operations/OpsMirror"} << "Mirroring_StartMirroring" << 429
                                               << QByteArray("1") << 1 << 0 << 2;
        QTest::addRow("503 on stop: sent once, outcome unknown") << QStringList{"stop", "Sales Analytics/SalesArchive"}
                                                                 << "Mirroring_StopMirroring" << 503 << QByteArray() << 1 << 1 << 1;
        QTest::addRow("429 on create: created once") << QStringList{"apply", "Operations/Throttled", "-f", "@file"}
                                                     << "Items_CreateMirroredDatabase" << 429 << QByteArray("1") << 1 << 0 << 2;
        QTest::addRow("503 on create: sent once") << QStringList{"apply", "Operations/Unknown", "-f", "@file"}
                                                  << "Items_CreateMirroredDatabase" << 503 << QByteArray() << 1 << 1 << 1;
        QTest::addRow("503 on wait: rides it out") << QStringList{"wait", "Sales Analytics/SalesMirror", "--until", "Running"}
                                                   << "Mirroring_GetMirroringStatus" << 503 << QByteArray() << 2 << 0 << 3;
#else
        const QStringList status{"status", "Sales Analytics/SalesMirror", "--tables", "--output", "json"};
        QTest::addRow("429 twice on status: waited out") << status << "Mirroring_GetMirroringStatus" << 429 << QByteArray("1") << 2 << 0 << 3;
        QTest::addRow("503 twice on tables: retried") << status << "Mirroring_GetTablesMirroringStatus" << 503 << QByteArray() << 2 << 0 << 3;
        QTest::addRow("429 asking 5 minutes: throttled out") << QStringList{"ls"} << "Workspaces_ListWorkspaces" << 429
                                                             << QByteArray("300") << -1 << 5 << 1;
        QTest::addRow("503 always: failed after 4") << status << "Mirroring_GetMirroringStatus" << 503 << QByteArray() << -1 << 1 << 4;
#endif
    }
    void faults()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, operation);
        QFETCH(int, status);
        QFETCH(QByteArray, retryAfter);
        QFETCH(int, count);
        QFETCH(int, exitCode);
        QFETCH(int, requests);
        const int file = int(args.indexOf(QStringLiteral("@file")));
        if (file >= 0) {
            args[file] = m_dir.filePath(QStringLiteral("def.json"));
            const CliRun made = fmc({QStringLiteral("definition"), QStringLiteral("new"), QStringLiteral("--source-type"),
                                     QStringLiteral("GenericMirror"), QStringLiteral("-o"), args[file]});
            QCOMPARE(made.exitCode, 0);
        }
        sandbox::FaultRule fault;
        fault.kind = sandbox::FaultRule::Kind::Status;
        fault.operation = operation;
        fault.status = status;
        fault.count = count;
        fault.retryAfter = retryAfter.isEmpty() ? std::optional<QByteArray>(QByteArray()) : std::optional(retryAfter);
        m_sandbox->addFault(fault);
        const CliRun run = fmc(args);
        QVERIFY(run.finished);
        QVERIFY2(run.exitCode == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(run.errText())));
        QCOMPARE(requestsFor(operation), requests);
        if (exitCode != 0)
            QVERIFY(!run.err.isEmpty());
        if (operation == u"Items_CreateMirroredDatabase" && exitCode == 0)
            QVERIFY(!mirrorId(QStringLiteral("Operations"), args.at(1).section(u'/', 1)).isEmpty());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliFaults)
#include "tst_cli_faults.moc"
