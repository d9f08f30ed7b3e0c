// HTTPS and TLS (docs/reliability-matrix.md) against fabric-sandbox's TLS listener: a certificate that is self-signed,
// expired, issued for another host or by a CA the client does not trust, or a server that offers
// only TLS 1.1, makes the call fail with zero HTTP requests received (and no TLS handshake
// completed); the same listener with a certificate from a CA added to the client's
// QSslConfiguration works (the positive control). A configured or server-supplied http:// URL
// to a host that is not loopback is refused before any connection. The certificates are made at
// test time with OpenSSL.
#include "app/api/fabricrequests.h"
#include "tests/support/sandboxfixture.h"

#include <QDirIterator>
#include <QNetworkInterface>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

using namespace fmc;
using namespace fmc::sandbox;
using namespace fmc::test;

Q_DECLARE_METATYPE(fmc::ApiError::Kind)

namespace {

using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

constexpr long Day = 24 * 3600;

PKey newKey()
{
    return PKey(EVP_EC_gen("P-256"), EVP_PKEY_free);
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

//! A certificate for \a key, named \a cn, valid from now + \a notBefore to now + \a notAfter
//! seconds, signed by \a issuer / \a issuerKey (self-signed when they are null).
Cert issue(EVP_PKEY *key, const char *cn, const char *subjectAltName, X509 *issuer, EVP_PKEY *issuerKey,
           long notBefore, long notAfter, bool ca)
{
    static long serial = 1;
    Cert cert(X509_new(), X509_free);
    X509 *x = cert.get();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
    X509_gmtime_adj(X509_getm_notBefore(x), notBefore);
    X509_gmtime_adj(X509_getm_notAfter(x), notAfter);
    X509_set_pubkey(x, key);
    X509_NAME *name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>(cn), -1, -1, 0);
    X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name);
    X509 *signer = issuer ? issuer : x;
    bool ok = addExtension(x, signer, NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE")
              && addExtension(x, signer, NID_subject_key_identifier, "hash");
    if (ca)
        ok = ok && addExtension(x, signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    else
        ok = ok && addExtension(x, signer, NID_subject_alt_name, subjectAltName)
             && addExtension(x, signer, NID_ext_key_usage, "serverAuth")
             && addExtension(x, signer, NID_key_usage, "critical,digitalSignature");
    if (!ok || X509_sign(x, issuerKey ? issuerKey : key, EVP_sha256()) == 0)
        return Cert(nullptr, X509_free);
    return cert;
}

QByteArray readBio(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray out(data, size);
    BIO_free(bio);
    return out;
}

QSslCertificate toQt(X509 *cert)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    return QSslCertificate(readBio(bio), QSsl::Pem);
}

QSslKey toQt(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    return QSslKey(readBio(bio), QSsl::Ec, QSsl::Pem);
}

//! An IPv4 address of this machine that is not loopback (null if there is none).
QHostAddress lanAddress()
{
    for (const QHostAddress &a : QNetworkInterface::allAddresses())
        if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback())
            return a;
    return {};
}

//! What the sandbox's TLS listener presents in each case.
enum class Served { Trusted, SelfSigned, Expired, WrongHost, WrongCa, Tls11Only };

} // namespace

Q_DECLARE_METATYPE(Served)

class TestApiSandboxTls : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void certificates_data();
    void certificates();
    void tls11ServerIsReallyOffered();
    void noIgnoreSslErrorsPath();
    void httpToNonLoopbackRefusedBeforeConnecting();
    void serverSuppliedHttpUrlGetsNothing();

private:
    QSslConfiguration serverConfig(Served served) const;
    quint16 listenTls(Served served);
    FabricClient *tlsClient(quint16 port);

    SandboxFixture m_fx;
    PKey m_caKey{nullptr, EVP_PKEY_free};
    Cert m_ca{nullptr, X509_free};
    PKey m_otherCaKey{nullptr, EVP_PKEY_free};
    Cert m_otherCa{nullptr, X509_free};
    PKey m_leafKey{nullptr, EVP_PKEY_free};
};

void TestApiSandboxTls::initTestCase()
{
    QVERIFY(QSslSocket::supportsSsl());
    m_caKey = newKey();
    m_otherCaKey = newKey();
    m_leafKey = newKey();
    QVERIFY(m_caKey && m_otherCaKey && m_leafKey);
    m_ca = issue(m_caKey.get(), "fmc test CA", nullptr, nullptr, nullptr, -Day, 30 * Day, true);
    m_otherCa = issue(m_otherCaKey.get(), "fmc untrusted CA", nullptr, nullptr, nullptr, -Day, 30 * Day, true);
    QVERIFY(m_ca && m_otherCa);
}

void TestApiSandboxTls::init()
{
    SandboxOptions options;
    options.speed = 100;
    QVERIFY(m_fx.up(options));
}

void TestApiSandboxTls::cleanup()
{
    m_fx.down();
}

QSslConfiguration TestApiSandboxTls::serverConfig(Served served) const
{
    Cert leaf(nullptr, X509_free);
    const char *ip = "IP:127.0.0.1";
    switch (served) {
    case Served::Trusted:
    case Served::Tls11Only:
        leaf = issue(m_leafKey.get(), "127.0.0.1", ip, m_ca.get(), m_caKey.get(), -Day, 7 * Day, false);
        break;
    case Served::SelfSigned:
        leaf = issue(m_leafKey.get(), "127.0.0.1", ip, nullptr, nullptr, -Day, 7 * Day, false);
        break;
    case Served::Expired:
        leaf = issue(m_leafKey.get(), "127.0.0.1", ip, m_ca.get(), m_caKey.get(), -3 * Day, -Day, false);
        break;
    case Served::WrongHost:
        leaf = issue(m_leafKey.get(), "fabric.example.com", "DNS:fabric.example.com", m_ca.get(), m_caKey.get(), -Day,
                     7 * Day, false);
        break;
    case Served::WrongCa:
        leaf = issue(m_leafKey.get(), "127.0.0.1", ip, m_otherCa.get(), m_otherCaKey.get(), -Day, 7 * Day, false);
        break;
    }
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(toQt(leaf.get()));
    config.setPrivateKey(toQt(m_leafKey.get()));
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (served == Served::Tls11Only) {
        // OpenSSL 3 allows TLS < 1.2 only at security level 0; the server lowers it for itself.
        config.setProtocol(QSsl::AnyProtocol);
        config.setBackendConfigurationOption("MinProtocol", QByteArray("TLSv1.1"));
        config.setBackendConfigurationOption("MaxProtocol", QByteArray("TLSv1.1"));
        config.setBackendConfigurationOption("CipherString", QByteArray("DEFAULT:@SECLEVEL=0"));
    }
    return config;
}

quint16 TestApiSandboxTls::listenTls(Served served)
{
    const QSslConfiguration config = serverConfig(served);
    if (config.localCertificate().isNull() || config.privateKey().isNull())
        return 0;
    return m_fx.sandbox->listenTls(QHostAddress::LocalHost, config);
}

FabricClient *TestApiSandboxTls::tlsClient(quint16 port)
{
    return m_fx.makeClient([&](FabricClient::Config &c) {
        c.apiBaseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1/v1").arg(port));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificate(toQt(m_ca.get())); // the enterprise CA case: trusted on purpose
        c.sslConfiguration = ssl;
    });
}

void TestApiSandboxTls::certificates_data()
{
    QTest::addColumn<Served>("served");
    QTest::addColumn<ApiError::Kind>("kind");
    using K = ApiError::Kind;
    QTest::addRow("trusted CA (positive control)") << Served::Trusted << K::None;
    QTest::addRow("self-signed") << Served::SelfSigned << K::Insecure;
    QTest::addRow("expired") << Served::Expired << K::Insecure;
    QTest::addRow("wrong hostname") << Served::WrongHost << K::Insecure;
    QTest::addRow("wrong CA") << Served::WrongCa << K::Insecure;
    // No certificate error to report: the handshake fails on the protocol version (a transport
    // failure, retried like one), still before any request byte.
    QTest::addRow("TLS 1.1 only") << Served::Tls11Only << K::Network;
}

void TestApiSandboxTls::certificates()
{
    QFETCH(Served, served);
    QFETCH(ApiError::Kind, kind);
    const quint16 port = listenTls(served);
    QVERIFY(port);
    FabricClient *client = tlsClient(port);
    ApiError error;
    const auto capacities = m_fx.run(new ListCapacitiesRequest(), &error, client);
    QCOMPARE(error.kind(), kind);
    if (kind == ApiError::Kind::None) {
        QVERIFY(!capacities.isEmpty());
        QCOMPARE(m_fx.apiLog().size(), 1);
        QVERIFY(m_fx.sandbox->tlsHandshakesCompleted() >= 1);
        return;
    }
    QVERIFY(!error.message().isEmpty());
    QCOMPARE(m_fx.apiLog().size(), 0);                  // no HTTP request reached the sandbox
    QCOMPARE(m_fx.sandbox->tlsHandshakesCompleted(), 0); // so no request byte could have been sent
}

// The TLS 1.1 row above means something only if the listener does offer TLS 1.1: a client
// configured for exactly TLS 1.1 completes the handshake with it.
void TestApiSandboxTls::tls11ServerIsReallyOffered()
{
    const quint16 port = listenTls(Served::Tls11Only);
    QVERIFY(port);
    QSslSocket probe;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.addCaCertificate(toQt(m_ca.get()));
    config.setProtocol(QSsl::AnyProtocol);
    config.setBackendConfigurationOption("MinProtocol", QByteArray("TLSv1.1"));
    config.setBackendConfigurationOption("MaxProtocol", QByteArray("TLSv1.1"));
    config.setBackendConfigurationOption("CipherString", QByteArray("DEFAULT:@SECLEVEL=0"));
    probe.setSslConfiguration(config);
    QSignalSpy encrypted(&probe, &QSslSocket::encrypted);
    QSignalSpy failed(&probe, &QSslSocket::errorOccurred);
    probe.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    QTRY_VERIFY(!encrypted.isEmpty() || !failed.isEmpty());
    if (encrypted.isEmpty())
        QSKIP(qPrintable(QStringLiteral("this OpenSSL cannot speak TLS 1.1 at all (%1): the TLS 1.1 row shows "
                                        "only that the handshake fails")
                             .arg(probe.errorString())));
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED // naming the old protocol is the point here
    QCOMPARE(probe.sessionProtocol(), QSsl::TlsV1_1);
    QT_WARNING_POP
    QTRY_COMPARE(m_fx.sandbox->tlsHandshakesCompleted(), 1);
}

// "No ignoreSslErrors path": nothing in the product can waive a certificate error.
void TestApiSandboxTls::noIgnoreSslErrorsPath()
{
    const QDir root(QStringLiteral(FMC_TEST_DATA_DIR "/../.."));
    int files = 0;
    for (const QString &dir : {QStringLiteral("app"), QStringLiteral("ui"), QStringLiteral("models")}) {
        QDirIterator it(root.filePath(dir), {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            ++files;
            const QByteArray text = file.readAll();
            QVERIFY2(!text.contains("ignoreSslErrors") && !text.contains("VerifyNone")
                         && !text.contains("QueryPeer"),
                     qPrintable(file.fileName()));
        }
    }
    QVERIFY(files > 20);
}

void TestApiSandboxTls::httpToNonLoopbackRefusedBeforeConnecting()
{
    const QHostAddress lan = lanAddress();
    if (lan.isNull())
        QSKIP("no non-loopback IPv4 address to listen on");
    const quint16 port = m_fx.sandbox->listen(lan);
    QVERIFY(port);
    FabricClient *client = m_fx.makeClient([&](FabricClient::Config &c) {
        c.apiBaseUrl = QUrl(QStringLiteral("http://%1:%2/v1").arg(lan.toString()).arg(port));
    });
    ApiError error;
    m_fx.run(new ListCapacitiesRequest(), &error, client);
    QCOMPARE(error.kind(), ApiError::Kind::Insecure);
    QCOMPARE(m_fx.apiLog().size(), 0);
    QCOMPARE(m_fx.tokens->tokenRequests, 0); // refused before even asking for a token
}

// A Location or continuationUri naming http:// on a host that is not loopback: the Location is
// pinned to our https-or-loopback origin, the continuationUri is refused; that listener gets nothing.
void TestApiSandboxTls::serverSuppliedHttpUrlGetsNothing()
{
    const QHostAddress lan = lanAddress();
    if (lan.isNull())
        QSKIP("no non-loopback IPv4 address to listen on");
    const quint16 port = m_fx.sandbox->listen(lan);
    QVERIFY(port);
    m_fx.sandbox->setLroMode(LroMode::Always);
    FaultRule rule;
    rule.kind = FaultRule::Kind::ForeignLocation;
    rule.foreignBaseUrl = QUrl(QStringLiteral("http://%1:%2").arg(lan.toString()).arg(port));
    m_fx.sandbox->addFault(rule);
    const QString ws = m_fx.workspaceWithMirrors();
    ApiError error;
    m_fx.run(new GetMirroredDatabaseDefinitionRequest(ws, m_fx.firstMirror(ws)), &error);
    QVERIFY2(!error.isError(), qPrintable(error.toLogString())); // polled on the pinned origin
    int onLan = 0;
    for (const RequestLogEntry &e : m_fx.sandbox->requestLog())
        onLan += e.localAddress == lan;
    QCOMPARE(onLan, 0);
}

QTEST_GUILESS_MAIN(TestApiSandboxTls)
#include "tst_api_sandbox_tls.moc"
