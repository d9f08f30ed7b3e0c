// fmc apply and definition show/diff against the sandbox: create, update, unchanged, --dry-run
// (the request printed, nothing sent), and refusals before any call that changes something.

#include "models/itemdefinition.h"
#include "sandbox/fabricstate.h"
#include "tests/support/clifixture.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;
using namespace fmc::test;

class TestCliApply : public CliFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        startSandbox();
        QVERIFY(m_dir.isValid());
    }

    void applyCreateThenUpdate()
    {
        const QString first = writeDefinition(QStringLiteral("first"), {QStringLiteral("dbo.a"), QStringLiteral("dbo.b")});
        const QString target = QStringLiteral("Finance/CliMirror");

        // --dry-run: the request, validated, and nothing sent.
        const CliRun dry = fmc({QStringLiteral("apply"), target, QStringLiteral("-f"), first, QStringLiteral("--dry-run")});
        QCOMPARE(dry.exitCode, 0);
        Json request = dry.json();
        QVERIFY(request["action"] == Json("create"));
        QVERIFY(request["method"] == Json("POST"));
        QCOMPARE(toQString(request["path"].get<std::string>()),
                 QStringLiteral("/workspaces/%1/mirroredDatabases").arg(workspaceId(QStringLiteral("Finance"))));
        QVERIFY(request["body"]["displayName"] == Json("CliMirror"));
        const auto sent = ItemDefinition::fromJson(request["body"]);
        QVERIFY(sent);
        QCOMPARE(sent->part(QStringLiteral("mirroring.json"))->decodedPayload().value_or(QByteArray()), readFile(first));
        QCOMPARE(requestsFor(QStringLiteral("Items_CreateMirroredDatabase")), 0);
        QVERIFY(mirrorId(QStringLiteral("Finance"), QStringLiteral("CliMirror")).isEmpty());

        const CliRun created = fmc({QStringLiteral("apply"), target, QStringLiteral("-f"), first, QStringLiteral("--output"),
                                    QStringLiteral("json")});
        QCOMPARE(created.exitCode, 0);
        QVERIFY(created.json()["action"] == Json("created"));
        const QString id = mirrorId(QStringLiteral("Finance"), QStringLiteral("CliMirror"));
        QVERIFY(!id.isEmpty());
        QCOMPARE(toQString(created.json()["id"].get<std::string>()), id);
        QCOMPARE(mirror(id)->mirroringJson, readFile(first));
        QCOMPARE(requestsFor(QStringLiteral("Items_CreateMirroredDatabase")), 1);

        const CliRun again = fmc({QStringLiteral("apply"), target, QStringLiteral("-f"), first, QStringLiteral("--output"),
                                  QStringLiteral("json")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.json()["action"] == Json("unchanged"));
        QCOMPARE(requestsFor(QStringLiteral("Items_UpdateMirroredDatabaseDefinition")), 0);

        const QString second = writeDefinition(QStringLiteral("second"), {QStringLiteral("dbo.a"), QStringLiteral("dbo.c")});
        const CliRun diff = fmc({QStringLiteral("definition"), QStringLiteral("diff"), target, second});
        QCOMPARE(diff.exitCode, 0);
        QVERIFY2(diff.outText().contains(QLatin1String("1 table added: dbo.c")), diff.out.constData());
        QVERIFY(diff.outText().contains(QLatin1String("- ")));

        const CliRun updated = fmc({QStringLiteral("apply"), target, QStringLiteral("-f"), second, QStringLiteral("--output"),
                                    QStringLiteral("json")});
        QCOMPARE(updated.exitCode, 0);
        QVERIFY(updated.json()["action"] == Json("updated"));
        QCOMPARE(mirror(id)->mirroringJson, readFile(second));
        QCOMPARE(requestsFor(QStringLiteral("Items_CreateMirroredDatabase")), 1);

        const CliRun shown = fmc({QStringLiteral("definition"), QStringLiteral("show"), target});
        QCOMPARE(shown.exitCode, 0);
        QCOMPARE(shown.out, readFile(second));
        const CliRun same = fmc({QStringLiteral("definition"), QStringLiteral("diff"), target, second,
                                 QStringLiteral("--exit-code"), QStringLiteral("--output"), QStringLiteral("json")});
        QCOMPARE(same.exitCode, 0);
        QVERIFY(same.json()["same"] == Json(true));
    }

    void applyRefusals_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addRow("source change while running") << "Sales Analytics/SalesMirror" << "other-database" << 2
                                                     << "stop mirroring";
        QTest::addRow("invalid document") << "Finance/Whatever" << "invalid" << 2 << "retentionInDays";
        QTest::addRow("missing file") << "Finance/Whatever" << "missing" << 2 << "Cannot read";
        QTest::addRow("unknown workspace") << "Nowhere/Whatever" << "valid" << 4 << "Nowhere";
    }
    void applyRefusals()
    {
        QFETCH(QString, target);
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QString path = m_dir.filePath(file + QStringLiteral(".json"));
        if (file == u"other-database")
            path = writeDefinition(file, {QStringLiteral("dbo.orders")}, QStringLiteral("not_sales"));
        else if (file == u"valid")
            path = writeDefinition(file, {QStringLiteral("dbo.orders")});
        else if (file == u"invalid") {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"properties":{"source":{"type":"AzureSqlDatabase","typeProperties":{"connection":")"
                    + kConnectionId.toUtf8()
                    + R"(","database":"x"}},"target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta","retentionInDays":99}}}})");
        }
        m_sandbox->clearRequestLog();
        const CliRun run = fmc({QStringLiteral("apply"), target, QStringLiteral("-f"), path});
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.errText().contains(message, Qt::CaseInsensitive), run.err.constData());
        QCOMPARE(requestsFor(QStringLiteral("Items_CreateMirroredDatabase")), 0);
        QCOMPARE(requestsFor(QStringLiteral("Items_UpdateMirroredDatabaseDefinition")), 0);
    }

private:
    QString writeDefinition(const QString &name, const QStringList &tables, const QString &database = QStringLiteral("sales"))
    {
        const QString path = m_dir.filePath(name + QStringLiteral(".json"));
        QStringList args{QStringLiteral("definition"), QStringLiteral("new"), QStringLiteral("--source-type"),
                         QStringLiteral("AzureSqlDatabase"), QStringLiteral("--connection"), kConnectionId,
                         QStringLiteral("--database"), database, QStringLiteral("-o"), path};
        for (const QString &t : tables)
            args << QStringLiteral("--table") << t;
        const CliRun run = fmc(args);
        return run.exitCode == 0 ? path : QString();
    }
    sandbox::FabricState::Mirror *mirror(const QString &id)
    {
        return m_sandbox->state()->mirror(workspaceId(QStringLiteral("Finance")), id);
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliApply)
#include "tst_cli_apply.moc"
