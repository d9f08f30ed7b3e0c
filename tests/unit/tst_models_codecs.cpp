// Hand-written edge cases of the codecs: what a newer or stranger server may send.
#include "tests/support/decode.h"
#include "models/errorresponse.h"
#include "models/mirroringhealth.h"
#include "models/operationstate.h"
#include "tests/support/pages.h"
#include "models/utcdatetime.h"

#include <QTest>

using namespace fmc;
using namespace fmc::test;

// Compares JSON documents by content, keys sorted: API answers are re-emitted with the known
// fields first, then the unknown ones (QCOMPARE cannot print nlohmann values, hence the text).
#define QCOMPARE_JSON(actual, expected) \
    QCOMPARE(toQString(nlohmann::json::parse((actual).dump()).dump()), \
             toQString(nlohmann::json::parse((expected).dump()).dump()))

namespace {

Json json(const char *text)
{
    const std::optional<Json> value = parseJson(QByteArray(text));
    if (!value)
        qFatal("bad test JSON: %s", text);
    return *value;
}

// Decodes \a text as T and returns its error sentence (empty on success).
template <typename T>
QString decodeError(const QByteArray &text)
{
    QString error;
    const std::optional<T> value = decodeJson<T>(text, &error);
    if (value)
        return {};
    if (error.isEmpty())
        return QStringLiteral("(failed without a sentence)");
    return error;
}

} // namespace

class TestModelsCodecs : public QObject
{
    Q_OBJECT
private slots:
    void unknownFieldsAndValuesSurvive();
    void unknownEnumValue_data();
    void unknownEnumValue();
    void nullsAndMissingMetrics_data();
    void nullsAndMissingMetrics();
    void wrongTypedOptionalFieldIsKept();
    void int64Counters();
    void dateTimes_data();
    void dateTimes();
    void requiredFields_data();
    void requiredFields();
    void pageItemsKey_data();
    void pageItemsKey();
    void health_data();
    void health();
};

void TestModelsCodecs::unknownFieldsAndValuesSurvive()
{
    const Json input = json(R"({"data":[{"sourceObjectType":"MaterializedView","sourceSchemaName":"s",
        "sourceTableName":"t","status":"Throttled","futureField":{"a":[1,2]},
        "metrics":{"processedBytes":1,"processedRows":2,"lastSyncDateTime":"2025-01-02T03:04:05Z","cpuSeconds":7},
        "error":{"errorCode":"X","message":"m","hint":"h"}}],"pageInfo":{"size":1}})");
    QString error;
    const auto page = TablesMirroringStatusResponse::fromJson(input, &error);
    QVERIFY2(page, qPrintable(error));
    const TableMirroringStatus &table = page->items.first();
    QCOMPARE(table.status.value, TableStatus::Unknown);
    QCOMPARE(table.status.text, QStringLiteral("Throttled"));
    QCOMPARE(table.sourceObjectType.text, QStringLiteral("MaterializedView"));
    QVERIFY(table.extra["futureField"]["a"][1] == 2);
    QVERIFY(table.metrics->extra["cpuSeconds"] == 7);
    QVERIFY(table.error->extra["hint"] == "h");
    QVERIFY(page->extra["pageInfo"]["size"] == 1);
    // Everything comes back, content for content.
    QCOMPARE_JSON(page->toJson(), input);
}

void TestModelsCodecs::unknownEnumValue_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("text");
    QTest::addRow("mirroring status") << QByteArray(R"({"status":"Degraded"})") << "Degraded";
    QTest::addRow("operation status") << QByteArray(R"({"status":"Cancelled","createdTimeUtc":"2024-01-01T00:00:00Z"})") << "Cancelled";
    QTest::addRow("connectivity type") << QByteArray(R"({"id":"c","connectivityType":"Quantum"})") << "Quantum";
    QTest::addRow("case differs") << QByteArray(R"({"status":"running"})") << "running";
}

void TestModelsCodecs::unknownEnumValue()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, text);
    const Json value = json(input.constData());
    QString error;
    Json written;
    if (value.contains("connectivityType")) {
        const auto connection = Connection::fromJson(value, &error);
        QVERIFY2(connection, qPrintable(error));
        QCOMPARE(connection->connectivityType.value, ConnectivityType::Unknown);
        QCOMPARE(connection->connectivityType.text, text);
        written = connection->toJson();
    } else if (value.contains("createdTimeUtc")) {
        const auto state = OperationState::fromJson(value, &error);
        QVERIFY2(state, qPrintable(error));
        QCOMPARE(state->status.value, OperationStatus::Unknown);
        QCOMPARE(state->status.text, text);
        QVERIFY(!state->isFinished());
        written = state->toJson();
    } else {
        const auto status = MirroringStatusResponse::fromJson(value, &error);
        QVERIFY2(status, qPrintable(error));
        QCOMPARE(status->status.value, MirroringStatus::Unknown);
        QCOMPARE(status->status.text, text);
        QCOMPARE(mirroringHealth(*status, 0).text, text); // shown as its text
        written = status->toJson();
    }
    QCOMPARE_JSON(written, value);
}

void TestModelsCodecs::nullsAndMissingMetrics_data()
{
    QTest::addColumn<QByteArray>("table");
    QTest::addColumn<bool>("hasMetrics");
    const char *base = R"({"sourceSchemaName":"dbo","sourceTableName":"t","status":"Snapshotting")";
    QTest::addRow("no metrics") << QByteArray(base).append("}") << false;
    QTest::addRow("metrics null") << QByteArray(base).append(R"(,"metrics":null})") << false;
    QTest::addRow("metrics empty") << QByteArray(base).append(R"(,"metrics":{}})") << true;
    QTest::addRow("every metric null")
        << QByteArray(base).append(R"(,"metrics":{"processedBytes":null,"processedRows":null,
                                      "lastSyncDateTime":null,"lastSyncLatencyInSeconds":null}})")
        << true;
    QTest::addRow("error null, schema null")
        << QByteArray(R"({"sourceSchemaName":null,"sourceTableName":"t","status":"Snapshotting","error":null})") << false;
}

void TestModelsCodecs::nullsAndMissingMetrics()
{
    QFETCH(QByteArray, table);
    QFETCH(bool, hasMetrics);
    QString error;
    const auto status = decodeJson<TableMirroringStatus>(table, &error);
    QVERIFY2(status, qPrintable(error));
    QCOMPARE(status->status.value, TableStatus::Snapshotting);
    QVERIFY(!status->error);
    QCOMPARE(status->metrics.has_value(), hasMetrics);
    if (status->metrics) {
        QVERIFY(!status->metrics->processedRows);
        QVERIFY(!status->metrics->processedBytes);
        QVERIFY(!status->metrics->lastSyncDateTime.isValid());
        QVERIFY(!status->metrics->lastSyncLatencyInSeconds);
    }
    // Nulls are written back as they came (null and absent mean the same to every reader).
    QCOMPARE_JSON(status->toJson(), *parseJson(table));
}

void TestModelsCodecs::wrongTypedOptionalFieldIsKept()
{
    const Json input = json(R"({"status":"Failed","sourceTableName":42,
        "metrics":{"processedRows":"many","processedBytes":10,"lastSyncDateTime":"yesterday",
        "lastSyncLatencyInSeconds":99999999999}})");
    QString error;
    const auto table = TableMirroringStatus::fromJson(input, &error);
    QVERIFY2(table, qPrintable(error));
    QVERIFY(table->sourceTableName.isNull());
    QVERIFY(table->extra["sourceTableName"] == 42);
    QVERIFY(!table->metrics->processedRows);
    QCOMPARE(table->metrics->processedBytes, 10);
    QVERIFY(!table->metrics->lastSyncDateTime.isValid());
    QVERIFY(!table->metrics->lastSyncLatencyInSeconds); // beyond int32
    QVERIFY(table->metrics->extra["processedRows"] == "many");
    QCOMPARE_JSON(table->toJson(), input);
}

void TestModelsCodecs::int64Counters()
{
    const QByteArray text = R"({"status":"Replicating","metrics":{"processedRows":5000000000,
        "processedBytes":9007199254740993,"lastSyncLatencyInSeconds":2147483647}})";
    const auto table = decodeJson<TableMirroringStatus>(text);
    QVERIFY(table);
    QCOMPARE(*table->metrics->processedRows, Q_INT64_C(5000000000));
    QCOMPARE(*table->metrics->processedBytes, Q_INT64_C(9007199254740993)); // above 2^53: no double
    QCOMPARE(*table->metrics->lastSyncLatencyInSeconds, 2147483647);
    QCOMPARE(table->toJson()["metrics"]["processedBytes"].get<qint64>(), Q_INT64_C(9007199254740993));

    const auto whole = decodeJson<TableMirroringStatus>(R"({"status":"Replicating","metrics":{"processedRows":3e9}})");
    QVERIFY(whole);
    QCOMPARE(*whole->metrics->processedRows, Q_INT64_C(3000000000));
}

void TestModelsCodecs::dateTimes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const auto utc = [](int y, int mo, int d, int h, int mi, int s, int ms) {
        return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
    };
    QTest::addRow("7 digits") << "2024-10-08T05:07:11.0663362Z" << utc(2024, 10, 8, 5, 7, 11, 66);
    QTest::addRow("3 digits") << "2023-09-13T14:56:18.477Z" << utc(2023, 9, 13, 14, 56, 18, 477);
    QTest::addRow("1 digit") << "2023-09-13T14:56:18.5Z" << utc(2023, 9, 13, 14, 56, 18, 500);
    QTest::addRow("9 digits") << "2023-09-13T14:56:18.999999999Z" << utc(2023, 9, 13, 14, 56, 18, 999);
    QTest::addRow("no fraction") << "2023-05-23T16:22:20Z" << utc(2023, 5, 23, 16, 22, 20, 0);
    QTest::addRow("no zone is UTC") << "2023-05-23T16:22:20" << utc(2023, 5, 23, 16, 22, 20, 0);
    QTest::addRow("offset") << "2023-05-23T18:22:20.1+02:00" << utc(2023, 5, 23, 16, 22, 20, 100);
    QTest::addRow("negative offset across midnight") << "2023-12-31T23:30:00-01:00" << utc(2024, 1, 1, 0, 30, 0, 0);
    QTest::addRow("leap day") << "2024-02-29T00:00:00Z" << utc(2024, 2, 29, 0, 0, 0, 0);
    QTest::addRow("not a leap day") << "2023-02-29T00:00:00Z" << QDateTime();
    QTest::addRow("month 13") << "2023-13-01T00:00:00Z" << QDateTime();
    QTest::addRow("hour 24") << "2023-01-01T24:00:00Z" << QDateTime();
    QTest::addRow("trailing text") << "2023-01-01T00:00:00Zjunk" << QDateTime();
    QTest::addRow("empty fraction") << "2023-01-01T00:00:00.Z" << QDateTime();
    QTest::addRow("date only") << "2023-01-01" << QDateTime();
    QTest::addRow("empty") << "" << QDateTime();
}

void TestModelsCodecs::dateTimes()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = parseUtcDateTime(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(parsed, expected);
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
        QCOMPARE(parseUtcDateTime(formatUtcDateTime(parsed)), parsed);
    } else {
        QVERIFY(formatUtcDateTime(parsed).isNull());
    }
}

void TestModelsCodecs::requiredFields_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expectedError");
    QTest::addRow("table without status") << "tables" << QByteArray(R"({"data":[{"status":"Failed"},{"sourceTableName":"t"}]})")
                                          << "data[1].status: the required field is missing.";
    QTest::addRow("metrics of the wrong kind is absent, not fatal") << "tables"
        << QByteArray(R"({"data":[{"status":"Failed","metrics":[1]}]})") << "";
    QTest::addRow("status of the wrong type") << "status" << QByteArray(R"({"status":5})")
                                              << "status: expected a text, found 5.";
    QTest::addRow("status null") << "status" << QByteArray(R"({"status":null})")
                                 << "status: the required field is missing.";
    QTest::addRow("page without items") << "workspaces" << QByteArray(R"({"continuationToken":null})")
                                        << "value: the required field is missing.";
    QTest::addRow("items not an array") << "workspaces" << QByteArray(R"({"value":{}})")
                                        << "value: expected an array, found an object.";
    QTest::addRow("workspace without id") << "workspaces" << QByteArray(R"({"value":[{"displayName":"w"}]})")
                                          << "value[0].id: the required field is missing.";
    QTest::addRow("workspace not an object") << "workspaces" << QByteArray(R"({"value":["w"]})")
                                             << "value[0]: expected an object, found \"w\".";
    QTest::addRow("error without code") << "error" << QByteArray(R"({"message":"m"})")
                                        << "errorCode: the required field is missing.";
    QTest::addRow("nested error detail") << "error"
        << QByteArray(R"({"errorCode":"A","moreDetails":[{"errorCode":"B"},{"errorCode":1}]})") << "";
    QTest::addRow("error of a failed status") << "status"
        << QByteArray(R"({"status":"Running","error":{"errorCode":"SourceDown","message":"m"}})") << "";
    QTest::addRow("connection without type") << "connections" << QByteArray(R"({"value":[{"id":"c"}]})")
                                             << "value[0].connectivityType: the required field is missing.";
    QTest::addRow("root is an array") << "status" << QByteArray("[]") << "expected an object, found an array.";
    QTest::addRow("not JSON") << "status" << QByteArray("{") << "Not valid JSON";
}

void TestModelsCodecs::requiredFields()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, input);
    QFETCH(QString, expectedError);
    QString error;
    if (type == QLatin1String("tables"))
        error = decodeError<TablesMirroringStatusResponse>(input);
    else if (type == QLatin1String("status"))
        error = decodeError<MirroringStatusResponse>(input);
    else if (type == QLatin1String("workspaces"))
        error = decodeError<WorkspacesPage>(input);
    else if (type == QLatin1String("error"))
        error = decodeError<ErrorResponse>(input);
    else if (type == QLatin1String("connections"))
        error = decodeError<ConnectionsPage>(input);
    if (expectedError.isEmpty())
        QVERIFY2(error.isEmpty(), qPrintable(error));
    else
        QVERIFY2(error.startsWith(expectedError), qPrintable(error));
}

void TestModelsCodecs::pageItemsKey_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("hasMore");
    QTest::addRow("value, last page") << QByteArray(R"({"value":[],"continuationToken":null,"continuationUri":null})") << "value" << false;
    QTest::addRow("data, more") << QByteArray(R"({"data":[],"continuationToken":"LDEsMTAwMDAwLDA%3D"})") << "data" << true;
    QTest::addRow("data null, value present") << QByteArray(R"({"data":null,"value":[]})") << "value" << false;
    QTest::addRow("uri only") << QByteArray(R"({"value":[],"continuationUri":"https://x/y"})") << "value" << true;
    QTest::addRow("empty token") << QByteArray(R"({"value":[],"continuationToken":""})") << "value" << false;
}

void TestModelsCodecs::pageItemsKey()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, key);
    QFETCH(bool, hasMore);
    QString error;
    const auto page = decodeJson<CapacitiesPage>(input, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(QString::fromLatin1(page->itemsKey), key);
    QCOMPARE(page->hasMore(), hasMore);
    QCOMPARE_JSON(page->toJson(), *parseJson(input));
}

void TestModelsCodecs::health_data()
{
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<int>("failedTables");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("level");
    QTest::addColumn<int>("tables"); // -1: not known
    QTest::addRow("running") << QByteArray(R"({"status":"Running"})") << 0 << "Running" << int(MirroringHealth::Normal)
                             << 5;
    QTest::addRow("running, failed table")
        << QByteArray(R"({"status":"Running"})") << 2 << "Running with warning" << int(MirroringHealth::Warning) << 5;
    QTest::addRow("error set") << QByteArray(R"({"status":"Running","error":{"errorCode":"E","message":"m"}})") << 0
                               << "Failed" << int(MirroringHealth::Failed) << 5;
    QTest::addRow("error wins over warning") << QByteArray(R"({"status":"Running","error":{"errorCode":"E"}})") << 3
                                             << "Failed" << int(MirroringHealth::Failed) << 5;
    QTest::addRow("stopped with failed table")
        << QByteArray(R"({"status":"Stopped"})") << 1 << "Stopped" << int(MirroringHealth::Normal) << 5;
    // Paused needs someone to act (resume in the portal, or stop then start): a warning.
    QTest::addRow("paused") << QByteArray(R"({"status":"Paused"})") << 0 << "Paused" << int(MirroringHealth::Warning)
                            << 5;
    QTest::addRow("unknown") << QByteArray(R"({"status":"Hibernating"})") << 0 << "Hibernating"
                             << int(MirroringHealth::Normal) << 5;
    QTest::addRow("running, every table failed")
        << QByteArray(R"({"status":"Running"})") << 5 << "Failed" << int(MirroringHealth::Failed) << 5;
    QTest::addRow("running, all failed, count unknown")
        << QByteArray(R"({"status":"Running"})") << 5 << "Running with warning" << int(MirroringHealth::Warning) << -1;
    QTest::addRow("stopped, every table failed")
        << QByteArray(R"({"status":"Stopped"})") << 5 << "Stopped" << int(MirroringHealth::Normal) << 5;
}

void TestModelsCodecs::health()
{
    QFETCH(QByteArray, status);
    QFETCH(int, failedTables);
    QFETCH(QString, text);
    QFETCH(int, level);
    QFETCH(int, tables);
    const auto response = decodeJson<MirroringStatusResponse>(status);
    QVERIFY(response);
    const MirroringHealth health = mirroringHealth(*response, failedTables, tables);
    QCOMPARE(health.text, text);
    QCOMPARE(int(health.level), level);

    QList<TableMirroringStatus> list(5);
    for (int i = 0; i < failedTables; ++i)
        list[i].status = EnumText<TableStatus>::fromValue(TableStatus::Failed);
    QCOMPARE(countFailedTables(list), failedTables);
}

QTEST_GUILESS_MAIN(TestModelsCodecs)
#include "tst_models_codecs.moc"
