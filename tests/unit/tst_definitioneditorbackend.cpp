#include "app/editor/definitioneditorservice.h"
#include "app/editor/definitionfiles.h"
#include "app/editor/draftstore.h"
#include "models/definitioneditorbackend.h"
#include "models/tableselectionmodel.h"
#include "tests/support/definitionfixtures.h"
#include "tests/support/temporarydrafts.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace fmc;
using namespace fmc::test;
using Backend = DefinitionEditorBackend;
using Field = ValidationProblem::Field;

namespace {

const QString kGuid = QStringLiteral("a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1");

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(FMC_TEST_DATA_DIR "/definitions/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(name));
    return file.readAll();
}

// The examples of Microsoft's mirroring REST API article (without the final newline) with a real source type in place of
// "<your source type>".
QString seed(const QString &name, const QString &type)
{
    return QString::fromUtf8(fixture(name).trimmed()).replace(QStringLiteral("<your source type>"), type);
}


QString str(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString::fromUtf8(dumpJson(value));
}

// The body Apply sends, as the request class builds it.
Json requestBody(const Backend &backend)
{
    return DefinitionEditorService::requestBody(backend);
}

// The signal groups of a backend, counted.
struct GroupSpies {
    explicit GroupSpies(Backend *backend)
        : identity(backend, &Backend::identityChanged)
        , source(backend, &Backend::sourceChanged)
        , tables(backend, &Backend::tablesChanged)
        , target(backend, &Backend::targetChanged)
        , validation(backend, &Backend::validationChanged)
        , previews(backend, &Backend::previewsChanged)
    {
    }
    // "identity source tables target" with each group's count, e.g. "0 0 0 1".
    QString parts() const
    {
        return QStringLiteral("%1 %2 %3 %4").arg(identity.count()).arg(source.count()).arg(tables.count()).arg(target.count());
    }
    QSignalSpy identity;
    QSignalSpy source;
    QSignalSpy tables;
    QSignalSpy target;
    QSignalSpy validation;
    QSignalSpy previews;
};


} // namespace

class TestDefinitionEditorBackend : public QObject
{
    Q_OBJECT
private:
    TemporaryDrafts m_drafts;

private slots:
    void initTestCase() { QVERIFY(m_drafts.isValid()); }
    void cleanup() { m_drafts.clear(); }

    void buildsTheSeedExamples_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QStringList>("tables");
        QTest::addColumn<QString>("fixture");
        QTest::addRow("whole database") << "AzureSqlDatabase" << QStringList{} << "seed-whole-database.json";
        QTest::addRow("selected tables") << "MSSQL" << QStringList{"xxxx.xxxx"} << "seed-selected-tables.json";
    }
    void buildsTheSeedExamples()
    {
        QFETCH(QString, type);
        QFETCH(QStringList, tables);
        QFETCH(QString, fixture);
        Backend backend(Backend::Mode::Create);
        backend.setRequestBodyBuilder(&DefinitionEditorService::requestBody);
        QSignalSpy changed(&backend, &Backend::previewsChanged);
        backend.setName(QStringLiteral("Mirrored database 1"));
        backend.setDescription(QStringLiteral("A mirrored database description"));
        backend.setSourceType(type);
        backend.setConnection(kGuid);
        backend.setDatabase(QStringLiteral("xxxx"));
        backend.setDefaultSchema(QStringLiteral("xxxx"));
        if (!tables.isEmpty()) {
            backend.setMirrorAll(false);
            backend.tables()->addFromText(tables.join(u'\n'));
        }
        const QString expected = seed(fixture, type);
        QCOMPARE(backend.previewJson(), expected);
        QCOMPARE(backend.previewPayload(), QString::fromLatin1(expected.toUtf8().toBase64()));
        QVERIFY2(backend.canApply(), qPrintable(backend.blockingReasons().join(u'\n')));
        QVERIFY(changed.count() >= 6);
        QVERIFY(backend.isDirty());

        const Json body = requestBody(backend);
        QCOMPARE(backend.previewRequestBody(), QString::fromUtf8(dumpJson(body, 4)));
        QCOMPARE(str(body["displayName"]), QStringLiteral("Mirrored database 1"));
        QCOMPARE(str(body["description"]), QStringLiteral("A mirrored database description"));
        QCOMPARE(str(body["definition"]["parts"][0]["path"]), QStringLiteral("mirroring.json"));
        QCOMPARE(QString::fromStdString(body["definition"]["parts"][0]["payload"].get<std::string>()),
                 backend.previewPayload());
        QCOMPARE(str(body["definition"]["parts"][0]["payloadType"]), QStringLiteral("InlineBase64"));
        QCOMPARE(backend.tableCounter(), tables.isEmpty() ? QStringLiteral("All tables (at most 500)")
                                                          : QStringLiteral("1 / 500 tables selected"));
    }

    void fieldValidation_data()
    {
        QTest::addColumn<std::function<void(Backend &)>>("edit");
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("message");
        const auto valid = [](Backend &b) {
            b.setName(QStringLiteral("db"));
            b.setSourceType(QStringLiteral("AzureSqlDatabase"));
            b.setConnection(kGuid);
        };
        QTest::addRow("bad GUID") << std::function<void(Backend &)>([valid](Backend &b) {
            valid(b);
            b.setConnection(QStringLiteral("not-a-guid"));
        }) << int(Field::Connection) << "“not-a-guid” is not an ID: it must be a GUID such as a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1.";
        QTest::addRow("retention 0") << std::function<void(Backend &)>([valid](Backend &b) {
            valid(b);
            b.setRetentionInDays(0);
        }) << int(Field::RetentionInDays)
           << "Retention is 0; it must be a whole number of days from 1 to 30 (the service keeps 7 days when it is not set).";
        QTest::addRow("retention 31") << std::function<void(Backend &)>([valid](Backend &b) {
            valid(b);
            b.setRetentionInDays(31);
        }) << int(Field::RetentionInDays)
           << "Retention is 31; it must be a whole number of days from 1 to 30 (the service keeps 7 days when it is not set).";
        QTest::addRow("no name") << std::function<void(Backend &)>([valid](Backend &b) {
            valid(b);
            b.setName(QStringLiteral("   "));
        }) << int(Backend::ExtraField::Name) << "Give the mirrored database a name.";
        QTest::addRow("no connection")
            << std::function<void(Backend &)>([valid](Backend &b) {
                   valid(b);
                   b.setConnection({});
               })
            << int(Field::Connection)
            << "An Azure SQL Database source needs a connection. Pick one of your connections or paste its ID.";
        QTest::addRow("Snowflake without database") << std::function<void(Backend &)>([valid](Backend &b) {
            valid(b);
            b.setSourceType(QStringLiteral("Snowflake"));
        }) << int(Field::Database) << "A Snowflake source needs the name of the source database.";
        QTest::addRow("over the limit")
            << std::function<void(Backend &)>([valid](Backend &b) {
                   valid(b);
                   DefinitionLimits limits;
                   limits.defaultMaxTables = 1;
                   b.setDefinition(*MirroringDefinition::fromJsonBytes(withUnknowns));
                   b.tables()->setTables(
                       {{QStringLiteral("dbo"), QStringLiteral("A")}, {QStringLiteral("dbo"), QStringLiteral("B")}});
                   b.setLimits(limits);
               })
            << int(Field::MountedTables)
            << "2 tables are selected; an Azure SQL Database mirrored database can mirror at most 1.";
        QTest::addRow("duplicate table") << std::function<void(Backend &)>([valid](Backend &b) {
            valid(b);
            auto definition = *MirroringDefinition::fromJsonBytes(withUnknowns);
            definition.setMountedTables({{QStringLiteral("dbo"), QStringLiteral("A")}, {QStringLiteral("DBO"), QStringLiteral("a")}});
            b.setDefinition(definition);
        }) << int(Field::TableName) << "DBO.a is listed twice (also as table 1); table names are compared without regard to case.";
    }
    void fieldValidation()
    {
        QFETCH(std::function<void(Backend &)>, edit);
        QFETCH(int, field);
        QFETCH(QString, message);
        Backend backend(Backend::Mode::Create);
        edit(backend);
        QCOMPARE(backend.fieldMessage(field), message);
        QVERIFY(backend.fieldHasError(field));
        QVERIFY(!backend.canApply());
        QVERIFY(backend.blockingReasons().contains(message));
    }

    void retentionText_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("days"); // -1: refused, the value stays 7
        QTest::addRow("whole") << "14" << 14;
        QTest::addRow("spaces") << " 21 " << 21;
        QTest::addRow("out of range is set, and validation says why") << "45" << 45;
        QTest::addRow("fraction") << "2.5" << -1;
        QTest::addRow("comma") << "2,5" << -1;
        QTest::addRow("negative") << "-3" << -1;
        QTest::addRow("words") << "two weeks" << -1;
        QTest::addRow("empty") << "" << -1;
    }
    //! Typed retention: a whole number is set as it is; anything else is refused with an error
    //! on the retention field, Apply is blocked and the definition keeps its number.
    void retentionText()
    {
        QFETCH(QString, typed);
        QFETCH(int, days);
        Backend backend;
        backend.beginEdit(QStringLiteral("ws"), QStringLiteral("item-1"), QStringLiteral("Sales"));
        QVERIFY(backend.loadItemDefinition(itemBody(withUnknowns)));
        QSignalSpy validation(&backend, &Backend::validationChanged);
        backend.setRetentionText(typed);
        const int field = int(Field::RetentionInDays);
        if (days >= 0) {
            QCOMPARE(backend.retentionInDays(), days);
            QVERIFY(!backend.refusedRetentionText());
            QCOMPARE(backend.fieldHasError(field), days > 30);
            return;
        }
        QCOMPARE(backend.retentionInDays(), 7);
        QCOMPARE(backend.refusedRetentionText(), std::optional<QString>(typed.trimmed()));
        QVERIFY(backend.fieldHasError(field));
        QVERIFY2(backend.fieldMessage(field).contains(typed.isEmpty() ? QStringLiteral("Enter the retention") : typed),
                 qPrintable(backend.fieldMessage(field)));
        QVERIFY(!backend.canApply());
        QVERIFY(validation.count() >= 1);
        backend.setRetentionText(QStringLiteral("7")); // the same number as before clears the refusal
        QVERIFY(!backend.fieldHasError(field));
        QVERIFY(backend.canApply());
        QVERIFY(!backend.hasChanges());
    }

    //! Edit mode has changes only while the definition differs from the one loaded; the summary
    //! says what they are, and a definition the service sent on one line is diffed line by line.
    void changesAndTheirSummary()
    {
        MirroringDefinition definition;
        definition.setSourceType(QStringLiteral("AzureSqlDatabase"));
        definition.setConnection(kGuid);
        definition.setMountedTables({{QStringLiteral("dbo"), QStringLiteral("a")},
                                     {QStringLiteral("dbo"), QStringLiteral("b")},
                                     {QStringLiteral("dbo"), QStringLiteral("c")}});
        // As the service returns it: all on one line.
        const QByteArray compact = QByteArray::fromStdString(definition.document().dump());
        Backend backend;
        backend.beginEdit(QStringLiteral("ws"), QStringLiteral("item-1"), QStringLiteral("Sales"));
        QVERIFY(backend.loadItemDefinition(itemBody(compact)));
        QVERIFY(!backend.hasChanges());
        QCOMPARE(backend.changeSummary(), QString());
        backend.tables()->setTables({{QStringLiteral("dbo"), QStringLiteral("c")}});
        backend.setRetentionInDays(14);
        QVERIFY(backend.hasChanges());
        QCOMPARE(backend.changeSummary(), QStringLiteral("2 tables removed: dbo.a, dbo.b; retention 7 → 14 days"));
        int removed = 0;
        for (const DiffRow &row : backend.diffRows()) {
            QVERIFY2(row.oldText.size() < 80 && row.newText.size() < 80, "the one-line document was not laid out");
            removed += row.kind == DiffRow::Kind::Removed ? 1 : 0;
        }
        QVERIFY(removed >= 2 * 7);                            // two whole entries
        QVERIFY(Backend(Backend::Mode::Create).hasChanges()); // nothing to compare a new one with
    }

    void changingRetentionChangesOnlyThatLine()
    {
        Backend backend;
        backend.beginEdit(QStringLiteral("ws"), QStringLiteral("item-1"), QStringLiteral("Sales"));
        QVERIFY(backend.loadItemDefinition(itemBody(withUnknowns)));
        QVERIFY(!backend.isDirty());
        QCOMPARE(backend.previewJson().toUtf8(), withUnknowns);
        QCOMPARE(backend.retentionInDays(), 7);
        QSignalSpy dirty(&backend, &Backend::dirtyChanged);
        backend.setRetentionInDays(14);
        QVERIFY(backend.isDirty());
        QCOMPARE(dirty.count(), 1);
        QByteArray expected = withUnknowns;
        expected.replace("\"retentionInDays\": 7", "\"retentionInDays\": 14");
        QCOMPARE(backend.previewJson().toUtf8(), expected);
        const QStringList changedLines = backend.diffText().split(u'\n').filter(QRegularExpression(QStringLiteral("^[-+] ")));
        QCOMPARE(changedLines, (QStringList{QStringLiteral("-         \"retentionInDays\": 7"),
                                            QStringLiteral("+         \"retentionInDays\": 14")}));
        // The update sends mirroring.json only: .platform (metadata) is not the editor's to change.
        const Json body = requestBody(backend);
        QCOMPARE(int(body["definition"]["parts"].size()), 1);
        QCOMPARE(str(body["definition"]["parts"][0]["path"]), QStringLiteral("mirroring.json"));
        QCOMPARE(QByteArray::fromBase64(QByteArray::fromStdString(body["definition"]["parts"][0]["payload"].get<std::string>())),
                 expected);
    }

    //! One edit signals its own part of the form (and validation only when the problems change);
    //! the previews are built once, on the first read after it, however often they are read.
    void anEditSignalsOnlyItsPart_data()
    {
        QTest::addColumn<std::function<void(Backend &)>>("edit");
        QTest::addColumn<QString>("parts"); // identity source tables target
        QTest::addColumn<int>("validation");
        using Edit = std::function<void(Backend &)>;
        QTest::addRow("retention") << Edit([](Backend &b) { b.setRetentionInDays(14); }) << "0 0 0 1" << 0;
        QTest::addRow("retention out of range") << Edit([](Backend &b) { b.setRetentionInDays(31); }) << "0 0 0 1" << 1;
        QTest::addRow("change data feed") << Edit([](Backend &b) { b.setChangeDataFeed(true); }) << "0 0 0 1" << 0;
        QTest::addRow("default schema") << Edit([](Backend &b) { b.setDefaultSchema(QStringLiteral("sales")); })
                                        << "0 0 0 1" << 0;
        QTest::addRow("connection") << Edit([](Backend &b) { b.setConnection(kGuid); }) << "0 1 0 0" << 0;
        QTest::addRow("database") << Edit([](Backend &b) { b.setDatabase(QStringLiteral("Other")); }) << "0 1 0 0" << 1;
        QTest::addRow("mirror all") << Edit([](Backend &b) { b.setMirrorAll(true); }) << "0 0 1 0" << 1;
        QTest::addRow("table added") << Edit([](Backend &b) { b.tables()->addTable(QStringLiteral("dbo"), QStringLiteral("B")); })
                                     << "0 0 1 0" << 0;
        QTest::addRow("description") << Edit([](Backend &b) { b.setDescription(QStringLiteral("d")); }) << "1 0 0 0" << 0;
    }
    void anEditSignalsOnlyItsPart()
    {
        QFETCH(std::function<void(Backend &)>, edit);
        QFETCH(QString, parts);
        QFETCH(int, validation);
        Backend backend;
        backend.beginEdit(QStringLiteral("ws"), QStringLiteral("item-1"), QStringLiteral("Sales"));
        QVERIFY(backend.loadItemDefinition(itemBody(withUnknowns)));
        backend.setMirroringStatus(QStringLiteral("Stopped")); // the source may change
        int builds = 0;
        backend.setRequestBodyBuilder([&builds](const Backend &form) {
            ++builds;
            return DefinitionEditorService::requestBody(form);
        });
        QVERIFY(!backend.previewRequestBody().isEmpty());
        QCOMPARE(builds, 1);

        GroupSpies spies(&backend);
        edit(backend);
        QCOMPARE(spies.parts(), parts);
        QCOMPARE(spies.validation.count(), validation);
        QCOMPARE(spies.previews.count(), 1);
        QCOMPARE(builds, 1); // nothing is built until someone reads
        for (int read = 0; read < 3; ++read) {
            QVERIFY(!backend.previewJson().isEmpty());
            QVERIFY(!backend.previewPayload().isEmpty());
            QVERIFY(!backend.previewRequestBody().isEmpty());
        }
        QCOMPARE(builds, 2);
        QCOMPARE(backend.previewRequestBody(), QString::fromUtf8(dumpJson(requestBody(backend), 4)));
        QVERIFY(backend.isDirty());
    }

    //! Neither the status nor the limits are in the document: the previews stay as they were.
    void statusAndLimitsLeaveThePreviews()
    {
        Backend backend;
        backend.beginEdit(QStringLiteral("ws"), QStringLiteral("item-1"), QStringLiteral("Sales"));
        QVERIFY(backend.loadItemDefinition(itemBody(withUnknowns)));
        GroupSpies spies(&backend);
        backend.setMirroringStatus(QStringLiteral("Running"));
        QCOMPARE(spies.parts(), QStringLiteral("0 1 0 0"));
        backend.setLimits(DefinitionLimits{});
        QCOMPARE(spies.parts(), QStringLiteral("0 1 1 0"));
        QCOMPARE(spies.previews.count(), 0);
        QVERIFY(!backend.isDirty());
    }

    void sourceLockFollowsStatus_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("locked");
        QTest::addRow("unknown yet") << "" << true;
        QTest::addRow("Initialized") << "Initialized" << false;
        QTest::addRow("Stopped") << "Stopped" << false;
        QTest::addRow("Running") << "Running" << true;
        QTest::addRow("Starting") << "Starting" << true;
        QTest::addRow("Paused") << "Paused" << true;
        QTest::addRow("future value") << "Hibernating" << true;
    }
    void sourceLockFollowsStatus()
    {
        QFETCH(QString, status);
        QFETCH(bool, locked);
        Backend backend;
        backend.beginEdit(QStringLiteral("ws"), QStringLiteral("item-1"), QStringLiteral("Sales"));
        QVERIFY(backend.loadItemDefinition(itemBody(withUnknowns)));
        backend.setMirroringStatus(status);
        QCOMPARE(backend.sourceLocked(), locked);
        QCOMPARE(backend.lockReason().isEmpty(), !locked);
        backend.setConnection(kGuid);
        backend.setDefaultSchema(QStringLiteral("sales"));
        backend.tables()->addTable(QStringLiteral("dbo"), QStringLiteral("B")); // tables change in any status
        QCOMPARE(backend.connection() == kGuid, !locked);
        QCOMPARE(backend.defaultSchema() == QStringLiteral("sales"), !locked);
        QCOMPARE(backend.definition().mountedTables().size(), 2);
        if (locked)
            QCOMPARE(backend.lastError(), backend.lockReason());
    }

    void connectionsAndMirroredTables()
    {
        Backend backend;
        Connection sql;
        sql.id = kGuid;
        sql.displayName = QStringLiteral("Sales SQL");
        sql.connectionDetails = Connection::Details{QStringLiteral("SQL"), QStringLiteral("sales.database.windows.net"), {}};
        QSignalSpy choices(&backend, &Backend::connectionChoicesChanged);
        backend.setConnections({sql});
        QCOMPARE(choices.count(), 1);
        QCOMPARE(backend.connectionChoices().value(0).label(), QStringLiteral("Sales SQL (SQL): sales.database.windows.net"));
        QCOMPARE(backend.resolveConnection(QStringLiteral("Sales SQL (SQL): sales.database.windows.net")), kGuid);
        QCOMPARE(backend.resolveConnection(QStringLiteral(" Sales SQL ")), kGuid);
        QCOMPARE(backend.resolveConnection(kGuid.toUpper()), kGuid);
        QCOMPARE(backend.resolveConnection(QStringLiteral("typed")), QStringLiteral("typed"));

        TableMirroringStatus a;
        a.sourceSchemaName = QStringLiteral("dbo");
        a.sourceTableName = QStringLiteral("A");
        TableMirroringStatus b = a;
        b.sourceTableName = QStringLiteral("B");
        QVERIFY(backend.mirrorAll());
        QCOMPARE(backend.addMirroredTables({a, b, a}), QStringLiteral("2 tables added. 1 already listed (names are compared without case)."));
        QVERIFY(!backend.mirrorAll());
        QCOMPARE(backend.definition().mountedTables().size(), 2);
    }

    void switchingSourceTypeDropsFieldsItDoesNotUse()
    {
        Backend backend;
        backend.setSourceType(QStringLiteral("Snowflake"));
        backend.setConnection(kGuid);
        backend.setDatabase(QStringLiteral("DB"));
        backend.setExternalStorages({{QStringLiteral("AmazonS3"), kGuid}});
        QCOMPARE(backend.tables()->limit(), 1000);
        backend.setSourceType(QStringLiteral("AzureSqlDatabase"));
        QVERIFY(backend.externalStorages().isEmpty());
        QCOMPARE(backend.connection(), kGuid);
        QCOMPARE(backend.tables()->limit(), 500);
        backend.setSourceType(QStringLiteral("GenericMirror"));
        QVERIFY(backend.connection().isEmpty());
        QVERIFY(!backend.previewJson().contains(QStringLiteral("connection")));
        QVERIFY(!backend.previewJson().contains(QStringLiteral("database")));
    }

    void keepsANonSapLandingZone()
    {
        // Definitions from other tools carry landingZone {"type": "MountedRelationalDatabase"} for
        // Azure SQL: the form keeps it through edits and a switch to another non-SAP source.
        Backend backend;
        QString error;
        const auto loaded = MirroringDefinition::fromJsonBytes(fixture(QStringLiteral("azuresql-landingzone.json")), &error);
        QVERIFY2(loaded, qPrintable(error));
        backend.setDefinition(*loaded);
        for (const ValidationProblem &problem : backend.problems())
            QVERIFY2(!problem.isError() || !problem.jsonPath.startsWith(QLatin1String("properties")), qPrintable(problem.message));
        backend.setDatabase(QStringLiteral("sales_eu"));
        backend.setSourceType(QStringLiteral("AzureSqlMI"));
        for (const ValidationProblem &problem : backend.problems())
            QVERIFY2(!problem.isError() || !problem.jsonPath.startsWith(QLatin1String("properties")), qPrintable(problem.message));
        QVERIFY(backend.previewJson().contains(QStringLiteral("\"landingZone\"")));
        QCOMPARE(backend.landingZone()->type, QStringLiteral("MountedRelationalDatabase"));
        // Leaving SAP drops SAP's landing zone; it was SAP's own field.
        backend.setSourceType(QStringLiteral("SAP"));
        backend.setLandingZone(LandingZone{QStringLiteral("Lakehouse"), kGuid, kGuid, kGuid, QStringLiteral("Files/sap")});
        backend.setSourceType(QStringLiteral("AzureSqlDatabase"));
        QVERIFY(!backend.landingZone());
    }

    void changeDataFeedLeavesNoKeyWhenTurnedBackOff()
    {
        Backend backend;
        const QString before = backend.previewJson();
        backend.setChangeDataFeed(true);
        QVERIFY(backend.previewJson().contains(QStringLiteral("\"enableDeltaChangeDataFeed\": true")));
        backend.setChangeDataFeed(false);
        QCOMPARE(backend.previewJson(), before);
        QVERIFY(!backend.isDirty());
    }

    void mirrorAllKeepsTheListForLater()
    {
        Backend backend;
        backend.setMirrorAll(false);
        QVERIFY(backend.previewJson().contains(QStringLiteral("\"mountedTables\": []")));
        QCOMPARE(backend.fieldMessage(int(Field::MountedTables)),
                 QStringLiteral("No tables are selected, so nothing will be mirrored. Choose “Mirror all data” to "
                                "mirror every table."));
        backend.tables()->addFromText(QStringLiteral("dbo.A\ndbo.B"));
        QCOMPARE(backend.definition().mountedTables().size(), 2);
        QCOMPARE(backend.tableCounter(), QStringLiteral("2 / 500 tables selected"));
        backend.setMirrorAll(true);
        QVERIFY(!backend.previewJson().contains(QStringLiteral("mountedTables")));
        backend.setMirrorAll(false);
        QCOMPARE(backend.definition().mountedTables().size(), 2);
    }

    void tableLimitWarning_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("tables"); // -1: mirror all data
        QTest::addColumn<int>("customLimit"); // 0: the documented limit for the type
        QTest::addColumn<bool>("warns");
        QTest::addRow("all tables, Azure SQL") << "AzureSqlDatabase" << -1 << 0 << true;
        QTest::addRow("all tables, Snowflake") << "Snowflake" << -1 << 0 << true;
        QTest::addRow("all tables, custom limit") << "Oracle" << -1 << 3 << true;
        QTest::addRow("none chosen") << "AzureSqlDatabase" << 0 << 0 << false;
        QTest::addRow("499 of 500") << "AzureSqlDatabase" << 499 << 0 << false;
        QTest::addRow("500 of 500") << "AzureSqlDatabase" << 500 << 0 << true;
        QTest::addRow("500 of Snowflake's 1000") << "Snowflake" << 500 << 0 << false;
        QTest::addRow("1000 of Snowflake's 1000") << "Snowflake" << 1000 << 0 << true;
        QTest::addRow("3 of a custom 3") << "Oracle" << 3 << 3 << true;
    }
    //! The table-limit warning shows when all tables are mirrored or the chosen list is full; it
    //! is a warning under the tables and never keeps Apply or Save disabled.
    void tableLimitWarning()
    {
        QFETCH(QString, type);
        QFETCH(int, tables);
        QFETCH(int, customLimit);
        QFETCH(bool, warns);
        const QString warning = QStringLiteral("The tables count might exceed the limit, there could be some tables missing.");
        Backend backend(Backend::Mode::Create);
        if (customLimit) {
            DefinitionLimits limits;
            limits.maxTablesBySourceType.insert(type, customLimit);
            backend.setLimits(limits);
        }
        backend.setName(QStringLiteral("db"));
        backend.setSourceType(type);
        backend.setConnection(kGuid);
        backend.setDatabase(QStringLiteral("db"));
        QSignalSpy changed(&backend, &Backend::tablesChanged);
        if (tables >= 0) {
            backend.setMirrorAll(false);
            QList<MountedTable> list;
            for (int i = 0; i < tables; ++i)
                list.append({QStringLiteral("dbo"), QStringLiteral("t%1").arg(i)});
            backend.tables()->setTables(list);
            QCOMPARE(backend.definition().mountedTables().size(), tables);
        } else {
            backend.setMirrorAll(true);
        }
        QCOMPARE(backend.mirrorAll(), tables < 0);
        const QStringList messages = backend.fieldMessage(int(Field::MountedTables)).split(u'\n');
        QCOMPARE(messages.contains(warning), warns);
        QVERIFY(!backend.fieldHasError(int(Field::MountedTables)));
        QVERIFY2(backend.canApply(), qPrintable(backend.blockingReasons().join(u'\n')));
        const auto problems = backend.problems();
        const auto found = std::find_if(problems.begin(), problems.end(),
                                        [&](const ValidationProblem &p) { return p.message == warning; });
        QCOMPARE(found != problems.end(), warns);
        if (warns) {
            QCOMPARE(found->severity, ValidationProblem::Severity::Warning);
            QCOMPARE(found->jsonPath, QStringLiteral("properties.mountedTables"));
        }
        // Switching to a list below the limit takes the warning away (and back to all brings it back).
        if (warns) {
            backend.setMirrorAll(false);
            backend.tables()->setTables({{QStringLiteral("dbo"), QStringLiteral("only")}});
            QVERIFY(!backend.fieldMessage(int(Field::MountedTables)).contains(warning));
            backend.setMirrorAll(true);
            QVERIFY(backend.fieldMessage(int(Field::MountedTables)).contains(warning));
        }
        QVERIFY(changed.count() > 0);
    }

    void draftIsAutosavedAndOfferedBack()
    {
        {
            Backend backend(Backend::Mode::Create);
            auto *drafts = new DraftStore(&backend);
            drafts->setAutosaveDelay(10);
            backend.setName(QStringLiteral("Draft db"));
            backend.setSourceType(QStringLiteral("Oracle"));
            QTRY_VERIFY(QFile::exists(drafts->path()));
            QVERIFY(drafts->path().startsWith(m_drafts.path()));
        } // the editor "crashes" without saving
        Backend again(Backend::Mode::Create);
        auto *drafts = new DraftStore(&again);
        QVERIFY(drafts->hasDraft());
        QVERIFY(drafts->restore());
        QCOMPARE(again.name(), QStringLiteral("Draft db"));
        QCOMPARE(again.sourceType(), QStringLiteral("Oracle"));
        QVERIFY(again.isDirty());

        QFile file(drafts->path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Json draft = *parseJson(file.readAll());
        QStringList keys;
        for (auto it = draft.begin(); it != draft.end(); ++it)
            keys << QString::fromStdString(it.key());
        QCOMPARE(keys, (QStringList{"format", "version", "mode", "workspaceId", "itemId", "filePath", "name",
                                    "description", "savedAt", "mirroring"}));
        QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
        file.close();

        again.markSaved();
        QVERIFY(!QFile::exists(drafts->path()));
        QVERIFY(!drafts->hasDraft());
    }

    void failedApplyKeepsTheDraft()
    {
        Backend backend;
        DraftStore drafts(&backend);
        backend.beginEdit(QStringLiteral("ws"), QStringLiteral("item-9"), QStringLiteral("Sales"));
        QVERIFY(backend.loadItemDefinition(itemBody(withUnknowns)));
        backend.setRetentionInDays(3);
        QVERIFY(drafts.save()); // what the editor does when an apply fails
        backend.markApplyFailed(QStringLiteral("The service said no."));
        QCOMPARE(backend.lastError(), QStringLiteral("The service said no."));
        QVERIFY(drafts.path().endsWith(QStringLiteral("/item-item-9.json")));

        Backend reopened;
        DraftStore reopenedDrafts(&reopened);
        reopened.beginEdit(QStringLiteral("ws"), QStringLiteral("item-9"), QStringLiteral("Sales"));
        QVERIFY(reopened.loadItemDefinition(itemBody(withUnknowns)));
        QVERIFY(reopenedDrafts.hasDraft());
        QVERIFY(reopenedDrafts.restore());
        QCOMPARE(reopened.retentionInDays(), 3);
    }

    void openErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("error");
        QTest::addRow("missing") << QByteArray() << "missing.json does not exist.";
        QTest::addRow("not JSON") << QByteArray("{\"properties\": ") << "bad.json is not a mirroring definition: ";
        QTest::addRow("array") << QByteArray("[1]") << "bad.json is not a mirroring definition: ";
    }
    void openErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        QTemporaryDir dir;
        QString path = dir.filePath(QStringLiteral("missing.json"));
        if (!content.isEmpty()) {
            path = dir.filePath(QStringLiteral("bad.json"));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        Backend backend;
        QSignalSpy errors(&backend, &Backend::lastErrorChanged);
        QVERIFY(!DefinitionFiles::open(&backend, path));
        QVERIFY2(backend.lastError().startsWith(QDir(dir.path()).filePath(error)), qPrintable(backend.lastError()));
        QCOMPARE(errors.count(), 1);
        QCOMPARE(backend.mode(), Backend::Mode::Create);
    }

    void openEditSave()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mirroring.json"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(withUnknowns);
        }
        Backend backend;
        DraftStore drafts(&backend);
        QVERIFY(DefinitionFiles::open(&backend, path));
        QCOMPARE(backend.mode(), Backend::Mode::Offline);
        QCOMPARE(backend.filePath(), path);
        QVERIFY(!backend.isDirty());
        backend.setDefaultSchema(QStringLiteral("sales"));
        QVERIFY(backend.isDirty());
        QVERIFY(DefinitionFiles::save(&backend, &drafts));
        QVERIFY(!backend.isDirty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray(withUnknowns).replace("\"defaultSchema\": \"dbo\"", "\"defaultSchema\": \"sales\""));

        const QString copy = dir.filePath(QStringLiteral("copy.json"));
        QVERIFY(DefinitionFiles::saveAs(&backend, &drafts, copy));
        QCOMPARE(backend.filePath(), copy);
        QVERIFY(!DefinitionFiles::saveAs(&backend, &drafts, dir.filePath(QStringLiteral("no/such/folder/x.json"))));
        QVERIFY2(backend.lastError().contains(QStringLiteral("x.json cannot be written")), qPrintable(backend.lastError()));
    }
};

QTEST_GUILESS_MAIN(TestDefinitionEditorBackend)
#include "tst_definitioneditorbackend.moc"
