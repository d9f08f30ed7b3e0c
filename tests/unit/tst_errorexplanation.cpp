// The error explanation table: codes and message patterns → meaning, action, Learn page, and
// the smallest fix of the ladder; unknown errors stay raw with their request id.
#include "models/errorexplanation.h"

#include <QTest>

using namespace fmc;

Q_DECLARE_METATYPE(fmc::ErrorExplanation::Fix)
Q_DECLARE_METATYPE(fmc::ErrorScope)

class TestErrorExplanation : public QObject
{
    Q_OBJECT
private slots:
    void explain_data();
    void explain();
    void linksAreOursOnLearn();
    void unknownShowsTheRawErrorAndRequestId();
    void hostileMessageIsBounded();
};

namespace {
ErrorResponse error(const QString &code, const QString &message, const QString &requestId = {})
{
    ErrorResponse e;
    e.errorCode = code;
    e.message = message;
    e.requestId = requestId;
    return e;
}
} // namespace

void TestErrorExplanation::explain_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<ErrorScope>("scope");
    QTest::addColumn<bool>("known");
    QTest::addColumn<QString>("titleContains");
    QTest::addColumn<ErrorExplanation::Fix>("fix");
    using Fix = ErrorExplanation::Fix;
    const auto T = ErrorScope::Table;
    const auto D = ErrorScope::Database;
    // The sandbox's two table errors, by code.
    QTest::newRow("SourceTableNotFound") << "SourceTableNotFound" << "The source table does not exist." << T << true << "gone" << Fix::None;
    QTest::newRow("ReplicationFailed") << "ReplicationFailed" << "Replication of the table failed" << T << true << "changes" << Fix::ResyncTable;
    // Codes match case-insensitively; a code wins over the message.
    QTest::newRow("code case") << "replicationfailed" << "login failed" << T << true << "changes" << Fix::ResyncTable;
    // By message pattern, whatever the code.
    QTest::newRow("PostgreSQL TABLE_DOES_NOT_EXIST") << "X" << "TABLE_DOES_NOT_EXIST: In schema s, table t does not exist." << T << true << "gone" << Fix::None;
    QTest::newRow("primary key type") << "MirroringError" << "Table cannot be mirrored because the primary key column uses one of the following datatypes - computed types" << T << true << "primary key" << Fix::None;
    QTest::newRow("unsupported type") << "E" << "Table dbo.t has unsupported data type in column c" << T << true << "type" << Fix::None;
    QTest::newRow("special characters") << "E" << "Column name contains special characters" << T << true << "characters" << Fix::ResyncTable;
    QTest::newRow("log full") << "E" << "The transaction log for database 'sales' is full" << D << true << "log" << Fix::None;
    QTest::newRow("capacity paused") << "E" << "The capacity is paused." << D << true << "capacity" << Fix::RestartMirroring;
    QTest::newRow("CapacityNotActive") << "CapacityNotActive" << "" << D << true << "capacity" << Fix::RestartMirroring;
    QTest::newRow("login") << "SqlError" << "Login failed for user 'fabric'." << D << true << "sign in" << Fix::RestartMirroring;
    QTest::newRow("firewall") << "SqlError" << "Client with IP address is not allowed to access the server: firewall" << D << true << "reach" << Fix::None;
    QTest::newRow("CDC") << "E" << "Change Data Capture is enabled on the database" << D << true << "excludes" << Fix::RestartMirroring;
    QTest::newRow("too many tables") << "E" << "The maximum number of tables was exceeded" << D << true << "many" << Fix::None;
    // Table-only rules do not explain a database error.
    QTest::newRow("table code at database level") << "SourceTableNotFound" << "gone" << D << false << "" << Fix::None;
    // Unknown.
    QTest::newRow("unknown") << "SomethingNew" << "Nobody knows." << T << false << "" << Fix::None;
    QTest::newRow("empty") << "" << "" << T << false << "" << Fix::None;
}

void TestErrorExplanation::explain()
{
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(ErrorScope, scope);
    QFETCH(bool, known);
    QFETCH(QString, titleContains);
    QFETCH(ErrorExplanation::Fix, fix);
    const auto explanation = explainError(error(code, message), scope);
    QCOMPARE(explanation.has_value(), known);
    if (!known)
        return;
    QVERIFY2(explanation->title.contains(titleContains, Qt::CaseInsensitive), qPrintable(explanation->title));
    QVERIFY(!explanation->meaning.isEmpty());
    QVERIFY(!explanation->action.isEmpty());
    QCOMPARE(explanation->fix, fix);
}

void TestErrorExplanation::linksAreOursOnLearn()
{
    // Every rule, reached through a message that names it: the link is https on learn.microsoft.com.
    const QStringList messages{QStringLiteral("table t does not exist"), QStringLiteral("change feed"),
                               QStringLiteral("primary key datatype"), QStringLiteral("unsupported data type"),
                               QStringLiteral("special character"), QStringLiteral("transaction log"),
                               QStringLiteral("capacity is paused"), QStringLiteral("login failed"),
                               QStringLiteral("firewall"), QStringLiteral("CDC"), QStringLiteral("too many tables")};
    for (const QString &m : messages) {
        const auto e = explainError(error(QStringLiteral("X"), m), ErrorScope::Table);
        QVERIFY2(e, qPrintable(m));
        QCOMPARE(e->learnUrl.scheme(), QStringLiteral("https"));
        QCOMPARE(e->learnUrl.host(), QStringLiteral("learn.microsoft.com"));
        QVERIFY(e->learnUrl.path().startsWith(QLatin1String("/fabric/mirroring/")));
    }
    QCOMPARE(mirroringTroubleshootingUrl().host(), QStringLiteral("learn.microsoft.com"));
}

void TestErrorExplanation::unknownShowsTheRawErrorAndRequestId()
{
    const ErrorResponse e = error(QStringLiteral("SomethingNew"), QStringLiteral("<b>Nobody</b> knows."),
                                  QStringLiteral("11111111-2222-3333-4444-555555555555"));
    QVERIFY(!explainError(e, ErrorScope::Table));
    const QString raw = rawErrorText(e);
    QVERIFY(raw.contains(QLatin1String("SomethingNew")));
    QVERIFY(raw.contains(QLatin1String("<b>Nobody</b> knows."))); // kept literally; labels show it as plain text
    QVERIFY(raw.contains(QLatin1String("11111111-2222-3333-4444-555555555555")));
    QCOMPARE(rawErrorText(ErrorResponse()), QStringLiteral("(no error code)"));
}

void TestErrorExplanation::hostileMessageIsBounded()
{
    // The pattern sits beyond the first 4,000 characters: not looked at.
    const QString far = QString(100000, QLatin1Char('a')) + QStringLiteral(" login failed");
    QVERIFY(!explainError(error(QStringLiteral("X"), far), ErrorScope::Database));
}

QTEST_GUILESS_MAIN(TestErrorExplanation)
#include "tst_errorexplanation.moc"
