// Robustness against a server we did not write: FabricClient against `prism mock --dynamic` of
// the official mirroredDatabase swagger (random schema-valid answers with extreme values). Every
// endpoint is called repeatedly; each call must end with a decoded value or an ApiError, never a
// crash or a hang. Skipped, saying so, when Prism is not installed (tools/: npm ci).
#include "app/api/fabricclient.h"
#include "app/api/fabricrequests.h"
#include "app/auth/accesstokensource.h"

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;

namespace {

class FixedTokenSource : public AccessTokenSource
{
public:
    using AccessTokenSource::AccessTokenSource;
    void requestToken(bool, QObject *context, Callback callback) override
    {
        QTimer::singleShot(0, context, [callback] { callback({QStringLiteral("prism-token"), {}, {}, {}}); });
    }
};

const QString Ws = QStringLiteral("11111111-1111-1111-1111-111111111111");
const QString Db = QStringLiteral("22222222-2222-2222-2222-222222222222");

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestApiPrism : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyEndpointDecodesOrFails_data();
    void everyEndpointDecodesOrFails();

private:
    QTemporaryDir m_spec;
    QProcess m_prism;
    QUrl m_base;
};

void TestApiPrism::initTestCase()
{
    const QString prism = QStringLiteral(FMC_SPEC_DIR "/../../../tools/node_modules/.bin/prism");
    if (!QFileInfo::exists(prism))
        QSKIP("Prism is not installed (run: npm ci --prefix tools)");
    // A copy of the spec with "consumes" added: the original declares none, and Prism then
    // refuses every request body (docs/fabric-api-notes.md#spec-quirks).
    QDirIterator it(QStringLiteral(FMC_SPEC_DIR), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = m_spec.filePath(QDir(QStringLiteral(FMC_SPEC_DIR)).relativeFilePath(file));
        QDir().mkpath(QFileInfo(target).path());
        QVERIFY(QFile::copy(file, target));
    }
    const QString swaggerPath = m_spec.filePath(QStringLiteral("mirroredDatabase/swagger.json"));
    QFile swagger(swaggerPath);
    QVERIFY(swagger.open(QIODevice::ReadOnly));
    auto json = parseJson(swagger.readAll());
    swagger.close();
    QVERIFY(json);
    (*json)["consumes"] = Json::array({"application/json"});
    QVERIFY(swagger.open(QIODevice::WriteOnly | QIODevice::Truncate));
    swagger.write(dumpJson(*json));
    swagger.close();

    const quint16 port = freePort();
    m_prism.setProcessChannelMode(QProcess::MergedChannels);
    m_prism.start(prism, {QStringLiteral("mock"), QStringLiteral("--dynamic"), QStringLiteral("-h"),
                          QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(port), swaggerPath});
    QVERIFY(m_prism.waitForStarted());
    const bool up = QTest::qWaitFor([&] {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        return probe.waitForConnected(100);
    }, 60000);
    QVERIFY2(up, m_prism.readAll().constData());
    m_base = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)); // Prism routes without /v1
}

void TestApiPrism::cleanupTestCase()
{
    if (m_prism.state() != QProcess::NotRunning) {
        m_prism.terminate();
        if (!m_prism.waitForFinished(5000))
            m_prism.kill();
    }
}

void TestApiPrism::everyEndpointDecodesOrFails_data()
{
    QTest::addColumn<int>("which");
    const char *names[] = {"list", "create", "get", "update", "delete", "getDefinition", "updateDefinition",
                           "start", "stop", "status", "tables"};
    for (int i = 0; i < 11; ++i)
        QTest::addRow("%s", names[i]) << i;
}

void TestApiPrism::everyEndpointDecodesOrFails()
{
    QFETCH(int, which);
    QObject owner;
    FixedTokenSource tokens;
    FabricClient::Config config;
    config.apiBaseUrl = m_base;
    config.timeScale = 0.1; // 3 s per try: Prism answers in tens of ms, but is slow to warm up
    config.seed = 7;
    auto *client = new FabricClient(config, &tokens, &owner);
    const ItemDefinition definition = ItemDefinition::fromJson(parseJson(
        R"({"parts":[{"path":"mirroring.json","payload":"e30=","payloadType":"InlineBase64"}]})").value()).value();
    int finished = 0;
    int decoded = 0;
    QStringList errors;
    auto done = [&](const auto &r) {
        ++finished;
        if (r.ok())
            ++decoded;
        else
            errors << ApiError::kindName(r.error.kind());
    };
    constexpr int Calls = 4;
    for (int i = 0; i < Calls; ++i) {
        switch (which) {
        case 0: client->send(new ListMirroredDatabasesRequest(Ws), &owner, done); break;
        case 1: client->send(new CreateMirroredDatabaseRequest(Ws, QStringLiteral("db"), definition), &owner, done); break;
        case 2: client->send(new GetMirroredDatabaseRequest(Ws, Db), &owner, done); break;
        case 3: client->send(new UpdateMirroredDatabaseRequest(Ws, Db, QStringLiteral("n")), &owner, done); break;
        case 4: client->send(new DeleteMirroredDatabaseRequest(Ws, Db, true), &owner, done); break;
        case 5: client->send(new GetMirroredDatabaseDefinitionRequest(Ws, Db), &owner, done); break;
        case 6: client->send(new UpdateMirroredDatabaseDefinitionRequest(Ws, Db, definition), &owner, done); break;
        case 7: client->send(new StartMirroringRequest(Ws, Db), &owner, done); break;
        case 8: client->send(new StopMirroringRequest(Ws, Db), &owner, done); break;
        case 9: client->send(new GetMirroringStatusRequest(Ws, Db), &owner, done); break;
        case 10: client->send(new GetTablesMirroringStatusRequest(Ws, Db), &owner, done); break;
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished, Calls, 30000);
    qInfo("%d of %d decoded; errors: %s", decoded, Calls, qPrintable(errors.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestApiPrism)
#include "tst_api_prism.moc"
