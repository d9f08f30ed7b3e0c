// Export to and import from a Fabric Git integration folder (GitFolderTransfer) against the
// in-process fabric-sandbox: export then import reproduces mirroring.json byte for byte, a folder
// another tool wrote (unknown .platform fields, files the service does not take, a non-SAP
// landingZone) imports and exports back with every file the same, an import of an existing name
// updates it in place, refusals and bad folders change nothing, and Cancel stops (issue #21).
#include "app/api/fabricrequests.h"
#include "app/gitfolder/gitfolderfiles.h"
#include "app/gitfolder/gitfoldertransfer.h"
#include "sandbox/fabricstate.h"
#include "tests/support/filetree.h"
#include "tests/support/sandboxfixture.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

namespace {

const QString kForeign = QStringLiteral(FMC_TEST_DATA_DIR "/gitfolder/foreign/Sales Orders.MirroredDatabase");

bool copyTree(const QString &from, const QString &to)
{
    for (auto [path, bytes] : filesUnder(from).asKeyValueRange()) {
        if (!writeFile(QDir(to).filePath(path), bytes))
            return false;
    }
    return true;
}

//! The write calls of the request log, as "operationId status".
QStringList writes(const QList<RequestLogEntry> &log)
{
    QStringList lines;
    for (const RequestLogEntry &e : log)
        if (e.method != "GET" || e.operationId.contains(QLatin1String("List")))
            lines << QStringLiteral("%1 %2").arg(e.operationId).arg(e.status);
    return lines;
}

} // namespace

class TestGitFolderSandbox : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    GitFolderTransfer *m_transfer = nullptr;

    QString workspace(const QString &name) const
    {
        for (const auto &ws : m_fx.sandbox->state()->workspaces())
            if (ws.displayName == name)
                return ws.id;
        return {};
    }
    MirroredDatabase database(const QString &workspaceName, const QString &name) const
    {
        MirroredDatabase db;
        db.workspaceId = workspace(workspaceName);
        FabricState::Mirror *mirror = m_fx.mirrorNamed(workspaceName, name);
        if (mirror) {
            db.id = mirror->id;
            db.displayName = mirror->displayName;
            db.description = mirror->description;
        }
        return db;
    }
    FabricState::Mirror *mirrorIn(const QString &workspaceId, const QString &name) const
    {
        for (FabricState::Mirror *m : m_fx.sandbox->state()->mirrors(workspaceId))
            if (m->displayName == name)
                return m;
        return nullptr;
    }
    GitFolderTransfer::Outcome waitOutcome(QSignalSpy &finished)
    {
        if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, 15000))
            return {};
        return finished.takeFirst().at(0).value<GitFolderTransfer::Outcome>();
    }
    GitFolderTransfer::Outcome exportTo(const MirroredDatabase &db, const QString &parent)
    {
        QSignalSpy finished(m_transfer, &GitFolderTransfer::finished);
        m_transfer->exportTo(db, parent);
        return waitOutcome(finished);
    }
    GitFolderTransfer::Outcome importFrom(const QString &folderPath, const QString &workspaceId)
    {
        QString error;
        const auto folder = GitFolderFiles::read(folderPath, &error);
        if (!folder) {
            GitFolderTransfer::Outcome outcome;
            outcome.message = error;
            return outcome;
        }
        QSignalSpy finished(m_transfer, &GitFolderTransfer::finished);
        m_transfer->importInto(*folder, workspaceId);
        return waitOutcome(finished);
    }

private slots:
    void init()
    {
        SandboxOptions options;
        options.speed = 100;
        options.pageSize = 2; // the import's name lookup reads every page
        options.lroMode = LroMode::Random;
        QVERIFY(m_fx.up(options));
        m_transfer = new GitFolderTransfer(m_fx.client, m_fx.owner.get());
        m_fx.sandbox->clearRequestLog();
    }
    void cleanup()
    {
        m_transfer = nullptr;
        m_fx.down();
    }

    void exportThenImportIsByteExact_data()
    {
        QTest::addColumn<QString>("mirror");
        QTest::addColumn<int>("lro");
        QTest::newRow("SalesMirror, 200") << "SalesMirror" << int(LroMode::Never);
        QTest::newRow("SalesMirror, 202 and polling") << "SalesMirror" << int(LroMode::Always);
        QTest::newRow("SalesArchive") << "SalesArchive" << int(LroMode::Never);
    }
    void exportThenImportIsByteExact()
    {
        QFETCH(QString, mirror);
        QFETCH(int, lro);
        m_fx.sandbox->setLroMode(LroMode(lro));
        const MirroredDatabase db = database(QStringLiteral("Sales Analytics"), mirror);
        QVERIFY(!db.id.isEmpty());
        const QByteArray original = m_fx.mirrorNamed(QStringLiteral("Sales Analytics"), mirror)->mirroringJson;
        QTemporaryDir repo;
        const auto exported = exportTo(db, repo.path());
        QVERIFY2(exported.ok, qPrintable(exported.message));
        QCOMPARE(exported.task, GitFolderTransfer::Task::Export);
        QCOMPARE(QFileInfo(exported.folderPath).fileName(), mirror + QStringLiteral(".MirroredDatabase"));
        const auto files = filesUnder(exported.folderPath);
        QCOMPARE(files.keys(), QStringList({QStringLiteral(".platform"), QStringLiteral("mirroring.json")}));
        QCOMPARE(files.value(QStringLiteral("mirroring.json")), original);

        // Into another workspace (Finance has no such name): created, the same bytes.
        const QString finance = workspace(QStringLiteral("Finance"));
        m_fx.sandbox->clearRequestLog();
        const auto imported = importFrom(exported.folderPath, finance);
        QVERIFY2(imported.ok, qPrintable(imported.message));
        QVERIFY(imported.created);
        QCOMPARE(writes(m_fx.apiLog()).first(), QStringLiteral("Items_ListMirroredDatabases 200"));
        QVERIFY(writes(m_fx.apiLog()).contains(QStringLiteral("Items_CreateMirroredDatabase 201")));
        FabricState::Mirror *copy = m_fx.sandbox->state()->mirror(finance, imported.databaseId);
        QVERIFY(copy);
        QCOMPARE(copy->mirroringJson, original);
        QCOMPARE(copy->displayName, mirror);
        QCOMPARE(copy->status, QStringLiteral("Initializing")); // created, not started

        // And exported again from there: the same mirroring.json, the same folder identity.
        QTemporaryDir again;
        MirroredDatabase copied = db;
        copied.workspaceId = finance;
        copied.id = copy->id;
        const auto reexported = exportTo(copied, again.path());
        QVERIFY2(reexported.ok, qPrintable(reexported.message));
        QCOMPARE(filesUnder(reexported.folderPath).value(QStringLiteral("mirroring.json")), original);
        QCOMPARE(PlatformFile::fromBytes(filesUnder(reexported.folderPath).value(QStringLiteral(".platform")))->logicalId(),
                 PlatformFile::fromBytes(files.value(QStringLiteral(".platform")))->logicalId());
    }

    void foreignFolderRoundTrips()
    {
        // A folder another tool wrote: unknown .platform fields, two files the service does not
        // take, an Azure SQL source with landingZone {"type": "MountedRelationalDatabase"}.
        QTemporaryDir repo;
        const QString folder = QDir(repo.path()).filePath(QStringLiteral("Sales Orders.MirroredDatabase"));
        QVERIFY(copyTree(kForeign, folder));
        const auto before = filesUnder(folder);
        const QString ops = workspace(QStringLiteral("Operations"));
        const auto imported = importFrom(folder, ops);
        QVERIFY2(imported.ok, qPrintable(imported.message));
        QVERIFY(imported.created);
        FabricState::Mirror *mirror = m_fx.sandbox->state()->mirror(ops, imported.databaseId);
        QVERIFY(mirror);
        QCOMPARE(mirror->mirroringJson, before.value(QStringLiteral("mirroring.json")));
        QCOMPARE(mirror->platformJson, before.value(QStringLiteral(".platform")));
        QCOMPARE(mirror->description, QStringLiteral("Orders from the sales database"));

        // Exported back over the same folder: every file as it was, nothing added.
        MirroredDatabase db;
        db.workspaceId = ops;
        db.id = mirror->id;
        db.displayName = mirror->displayName;
        const auto exported = exportTo(db, repo.path());
        QVERIFY2(exported.ok, qPrintable(exported.message));
        QCOMPARE(QFileInfo(exported.folderPath).absoluteFilePath(), QFileInfo(folder).absoluteFilePath());
        QCOMPARE(filesUnder(folder), before);
        // And to an empty repository: mirroring.json and .platform (unknown fields kept) as given.
        QTemporaryDir fresh;
        const auto elsewhere = exportTo(db, fresh.path());
        QVERIFY(elsewhere.ok);
        const auto written = filesUnder(elsewhere.folderPath);
        QCOMPARE(written.value(QStringLiteral("mirroring.json")), before.value(QStringLiteral("mirroring.json")));
        QCOMPARE(written.value(QStringLiteral(".platform")), before.value(QStringLiteral(".platform")));
    }

    void importOfAnExistingNameUpdatesIt()
    {
        // SensorLanding exists in Operations (on the second page of 2): updateDefinition with
        // .platform and updateMetadata=true, no create.
        const MirroredDatabase db = database(QStringLiteral("Operations"), QStringLiteral("SensorLanding"));
        QTemporaryDir repo;
        const auto exported = exportTo(db, repo.path());
        QVERIFY(exported.ok);
        const QString mirroring = QDir(exported.folderPath).filePath(QStringLiteral("mirroring.json"));
        QByteArray bytes = filesUnder(exported.folderPath).value(QStringLiteral("mirroring.json"));
        QVERIFY(bytes.contains("\"customers\""));
        bytes.replace("\"customers\"", "\"customers_eu\"");
        QVERIFY(writeFile(mirroring, bytes));
        m_fx.sandbox->clearRequestLog();
        m_fx.sandbox->setLroMode(LroMode::Never);
        const auto imported = importFrom(exported.folderPath, db.workspaceId);
        QVERIFY2(imported.ok, qPrintable(imported.message));
        QVERIFY(!imported.created);
        QCOMPARE(imported.databaseId, db.id);
        QCOMPARE(m_fx.mirrorNamed(QStringLiteral("Operations"), QStringLiteral("SensorLanding"))->mirroringJson, bytes);
        const QStringList calls = writes(m_fx.apiLog());
        QVERIFY2(!calls.join(u',').contains(QLatin1String("Create")), qPrintable(calls.join(u',')));
        QVERIFY(calls.contains(QStringLiteral("Items_UpdateMirroredDatabaseDefinition 200")));
        bool metadata = false;
        for (const RequestLogEntry &e : m_fx.apiLog())
            metadata = metadata || e.pathAndQuery.endsWith(QLatin1String("updateDefinition?updateMetadata=true"));
        QVERIFY(metadata);
    }

    void refusalsChangeNothing_data()
    {
        QTest::addColumn<QString>("workspace");
        QTest::addColumn<QByteArray>("mirroringJson");
        QTest::addColumn<QString>("says");
        const QByteArray valid = R"({"properties":{"source":{"type":"AzureSqlDatabase","typeProperties":{"connection":"11111111-2222-4333-8444-555555555555","database":"sales"}},"target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta"}}}})";
        QTest::newRow("viewer workspace") << "Shared Reports" << valid << "InsufficientWorkspaceRole";
        QTest::newRow("service refuses the definition") << "Finance" << QByteArray(valid).replace("Delta", "Parquet") << "CorruptedPayload";
    }
    void refusalsChangeNothing()
    {
        QFETCH(QString, workspace);
        QFETCH(QByteArray, mirroringJson);
        QFETCH(QString, says);
        QTemporaryDir repo;
        const QString folder = QDir(repo.path()).filePath(QStringLiteral("Refused.MirroredDatabase"));
        QVERIFY(writeFile(QDir(folder).filePath(QStringLiteral("mirroring.json")), mirroringJson));
        QVERIFY(writeFile(QDir(folder).filePath(QStringLiteral(".platform")), PlatformFile::create(QStringLiteral("Refused"), {}, {}).toBytes()));
        const auto before = filesUnder(folder);
        const QString ws = this->workspace(workspace);
        const int count = int(m_fx.sandbox->state()->mirrors(ws).size());
        const auto outcome = importFrom(folder, ws);
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.message.contains(QStringLiteral("not created")), qPrintable(outcome.message));
        Q_UNUSED(says);
        QCOMPARE(int(m_fx.sandbox->state()->mirrors(ws).size()), count);
        QCOMPARE(filesUnder(folder), before); // the folder is never touched by an import
    }

    void exportFailureWritesNothing()
    {
        MirroredDatabase gone = database(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
        gone.id = QStringLiteral("00000000-0000-4000-8000-000000000000");
        QTemporaryDir repo;
        const auto outcome = exportTo(gone, repo.path());
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.message.contains(QStringLiteral("was not exported")), qPrintable(outcome.message));
        QVERIFY(QDir(repo.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }

    void cancelStopsTheExport()
    {
        // The definition is prepared by a long-running operation; Cancel while it runs.
        m_fx.sandbox->setLroMode(LroMode::Always);
        m_fx.sandbox->pauseClock(); // the operation stands still until cancelled, however loaded the machine
        const MirroredDatabase db = database(QStringLiteral("Sales Analytics"), QStringLiteral("SalesMirror"));
        QTemporaryDir repo;
        QSignalSpy finished(m_transfer, &GitFolderTransfer::finished);
        QSignalSpy progress(m_transfer, &GitFolderTransfer::progress);
        m_transfer->exportTo(db, repo.path());
        QVERIFY(m_transfer->isBusy());
        QVERIFY(QTest::qWaitFor([&] {
            for (const RequestLogEntry &e : m_fx.apiLog())
                if (e.operationId == QLatin1String("Items_GetMirroredDatabaseDefinition") && e.status == 202)
                    return true;
            return false;
        }, 10000));
        m_transfer->cancel();
        QCOMPARE(finished.size(), 1);
        const auto outcome = finished.takeFirst().at(0).value<GitFolderTransfer::Outcome>();
        QVERIFY(outcome.cancelled);
        QVERIFY(!m_transfer->isBusy());
        QVERIFY(!progress.isEmpty());
        QTest::qWait(200); // nothing arrives late
        QVERIFY(finished.isEmpty());
        QVERIFY(QDir(repo.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGitFolderSandbox)
#include "tst_gitfolder_sandbox.moc"
