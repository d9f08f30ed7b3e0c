// fmc definition new: the bytes the editor's form writes for the same choices, and what the form
// refuses refused before anything is written.

#include "app/editor/definitionfiles.h"
#include "models/definitioneditorbackend.h"
#include "models/tableselectionmodel.h"
#include "tests/support/clifixture.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;
using namespace fmc::test;

class TestCliDefinition : public CliFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        startSandbox();
        QVERIFY(m_dir.isValid());
    }

    void newMatchesEditor_data()
    {
        QTest::addColumn<QString>("sourceType");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QStringList>("tables");
        QTest::addColumn<int>("retention");
        QTest::addColumn<bool>("changeDataFeed");
        QTest::addColumn<QString>("defaultSchema");
        QTest::addRow("Azure SQL, two tables, 7 days") << "AzureSqlDatabase" << "sales" << QStringList{"dbo.a", "dbo.b"} << 7
                                                       << false << QString();
        QTest::addRow("Azure SQL, mirror all") << "AzureSqlDatabase" << "sales" << QStringList{} << 0 << false << QString();
        QTest::addRow("Snowflake, CDF, schema") << "Snowflake" << "ANALYTICS" << QStringList{"PUBLIC.ORDERS"} << 30 << true
                                                << "landing";
        QTest::addRow("quoted name with a dot") << "AzurePostgreSql" << "ledger" << QStringList{"public.\"a.b\""} << 1
                                                << false << QString();
    }
    void newMatchesEditor()
    {
        QFETCH(QString, sourceType);
        QFETCH(QString, database);
        QFETCH(QStringList, tables);
        QFETCH(int, retention);
        QFETCH(bool, changeDataFeed);
        QFETCH(QString, defaultSchema);

        QStringList args{QStringLiteral("definition"), QStringLiteral("new"), QStringLiteral("--source-type"), sourceType,
                         QStringLiteral("--connection"), kConnectionId, QStringLiteral("--database"), database};
        for (const QString &t : tables)
            args << QStringLiteral("--table") << t;
        if (retention > 0)
            args << QStringLiteral("--retention-days") << QString::number(retention);
        if (changeDataFeed)
            args << QStringLiteral("--change-data-feed");
        if (!defaultSchema.isEmpty())
            args << QStringLiteral("--default-schema") << defaultSchema;
        const QString cliFile = m_dir.filePath(QStringLiteral("cli-%1.json").arg(QTest::currentDataTag()));
        const CliRun toFile = fmc(args + QStringList{QStringLiteral("-o"), cliFile});
        QCOMPARE(toFile.exitCode, 0);
        const CliRun toStdout = fmc(args);
        QCOMPARE(toStdout.exitCode, 0);

        // The editor: the same choices made in its form, in the order a person fills it.
        DefinitionEditorBackend form(DefinitionEditorBackend::Mode::Create);
        form.setSourceType(sourceType);
        form.setConnection(kConnectionId);
        form.setDatabase(database);
        form.setMirrorAll(tables.isEmpty());
        for (const QString &t : tables) {
            QString why;
            const auto table = TableSelectionModel::parseLine(t, &why);
            QVERIFY2(table, qPrintable(why));
            QVERIFY(form.tables()->addTable(table->schemaName, table->tableName));
        }
        if (retention > 0)
            form.setRetentionInDays(retention);
        if (changeDataFeed)
            form.setChangeDataFeed(true);
        if (!defaultSchema.isEmpty())
            form.setDefaultSchema(defaultSchema);
        const QString editorFile = m_dir.filePath(QStringLiteral("editor-%1.json").arg(QTest::currentDataTag()));
        QVERIFY(DefinitionFiles::saveAs(&form, nullptr, editorFile));

        const QByteArray editorBytes = readFile(editorFile);
        QVERIFY(!editorBytes.isEmpty());
        QCOMPARE(readFile(cliFile), editorBytes);
        QCOMPARE(toStdout.out, editorBytes); // redirected stdout is the file, byte for byte
    }

    void newRefusesInvalid_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::addRow("no connection") << QStringList{"--source-type", "AzureSqlDatabase", "--database", "x"} << "connection";
        QTest::addRow("retention over 30") << QStringList{"--source-type", "AzureSqlDatabase", "--connection", kConnectionId,
                                                          "--database", "x", "--retention-days", "70"}
                                           << "retentionInDays";
        QTest::addRow("duplicate table") << QStringList{"--source-type", "AzureSqlDatabase", "--connection", kConnectionId,
                                                        "--database", "x", "--table", "dbo.a", "--table", "DBO.A"}
                                         << "--table";
        QTest::addRow("no source type") << QStringList{"--database", "x"} << "--source-type";
    }
    void newRefusesInvalid()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString file = m_dir.filePath(QStringLiteral("refused.json"));
        const CliRun run = fmc(QStringList{QStringLiteral("definition"), QStringLiteral("new")} + args
                               + QStringList{QStringLiteral("-o"), file});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errText().contains(message, Qt::CaseInsensitive), run.err.constData());
        QVERIFY(!QFile::exists(file));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliDefinition)
#include "tst_cli_definition.moc"
