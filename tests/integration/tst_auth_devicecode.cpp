// The device code flow (docs/reliability-matrix.md, "Device code flow") against the real Entra ID emulator over loopback HTTP,
// with the emulator's clock and ours both at 50x: polling starts no earlier than `interval`,
// continues on authorization_pending, adds 5 s for all later polls after slow_down, stops on
// authorization_declined and expired_token, never polls after expires_in, and stops on cancel.
#include "tests/support/entrahost.h"

#include "app/auth/devicecodecredential.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"

#include <QSignalSpy>
#include <QTest>

using namespace fmc;
using namespace fmc::test;
using namespace fmc::sandbox;

namespace {

constexpr double kSpeed = 50;

EntraOptions manualApproval(int expiresInSeconds = 900)
{
    EntraOptions options;
    options.deviceCodeAutoApproveAfterSeconds = -1;
    options.deviceCodeExpiresInSeconds = expiresInSeconds;
    return options;
}

AuthConfig configFor(EntraHost &host)
{
    AuthConfig config;
    config.authority = host.url();
    config.tenant = QStringLiteral("organizations");
    config.clientId = EntraEmulator::defaultPublicClientId();
    config.speed = kSpeed;
    return config;
}

int errorCount(EntraHost &host, const char *error)
{
    const Json errors = host.entra().counters()["errors"];
    return errors.contains(error) ? errors[error].get<int>() : 0;
}

// Every gap between consecutive polls (and from issue to the first) is at least \a minimumMs on
// the emulator's clock, and not absurdly longer (the client does not dawdle either).
void verifyGaps(const EntraHost &host, const QList<qint64> &minimumMs)
{
    QCOMPARE(host.pollTimesMs.size(), minimumMs.size());
    qint64 previous = host.deviceCodeIssuedMs;
    for (qsizetype i = 0; i < minimumMs.size(); ++i) {
        const qint64 gap = host.pollTimesMs[i] - previous;
        QVERIFY2(gap >= minimumMs[i], qPrintable(QStringLiteral("poll %1 came %2 ms after the previous").arg(i + 1).arg(gap)));
        QVERIFY2(gap < minimumMs[i] + 10000, qPrintable(QStringLiteral("poll %1 came late: %2 ms").arg(i + 1).arg(gap)));
        previous = host.pollTimesMs[i];
    }
}

} // namespace

class TestAuthDeviceCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pendingThenApproved()
    {
        EntraHost host(manualApproval(), kSpeed);
        SecretStore store;
        store.setKeychainEnabled(false);
        TokenSession session(&store);
        auto *credential = new DeviceCodeCredential(configFor(host));
        session.setCredential(credential);
        QSignalSpy shown(credential, &DeviceCodeCredential::deviceCodeReady);
        QString userCode;
        connect(credential, &DeviceCodeCredential::deviceCodeReady, this,
                [&userCode](const QString &code) { userCode = code; });
        host.onPollAnswered = [&](int poll) {
            if (poll == 2)
                QVERIFY(host.entra().approveDeviceCode(userCode));
        };
        session.signIn();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TokenSession::State::SignedIn, 10000);

        QCOMPARE(shown.size(), 1);
        QVERIFY(!userCode.isEmpty());
        const QUrl verification = shown.first().at(1).toUrl();
        QCOMPARE(verification.path(), QStringLiteral("/devicelogin"));
        QVERIFY(shown.first().at(3).toDateTime() > QDateTime::currentDateTimeUtc());
        // Two authorization_pending answers, then the token: every poll a full interval apart.
        verifyGaps(host, {5000, 5000, 5000});
        QCOMPARE(host.entra().tokenRequestCount(QStringLiteral("device_code")), 3);
        QCOMPARE(errorCount(host, "authorization_pending"), 2);
        QCOMPARE(errorCount(host, "slow_down"), 0);
        QVERIFY(!session.identity().label().isEmpty());
        QVERIFY(!session.identity().objectId.isEmpty());
        // offline_access was asked for: a refresh token was kept (here in memory only).
        QString refreshToken;
        store.read(TokenSession::refreshTokenKey(*credential), this, [&](const QString &s) { refreshToken = s; });
        QTRY_VERIFY(!refreshToken.isEmpty());
    }

    void slowDownAddsFiveSecondsForAllLaterPolls()
    {
        EntraHost host(manualApproval(), kSpeed);
        DeviceCodeCredential credential(configFor(host));
        QString userCode;
        connect(&credential, &DeviceCodeCredential::deviceCodeReady, this,
                [&userCode](const QString &code) { userCode = code; });
        // Another device polls with the same code just before our first poll arrives (both at
        // 5 s): the emulator answers it authorization_pending, and ours, 0 s later, slow_down.
        QByteArray otherAnswer;
        host.onPollReceived = [&](int poll) {
            if (poll == 1)
                otherAnswer = host.pollAsOtherDevice(EntraEmulator::defaultPublicClientId());
        };
        host.onPollAnswered = [&](int poll) {
            if (poll == 2)
                QVERIFY(host.entra().approveDeviceCode(userCode));
        };
        QSignalSpy finished(&credential, &Credential::finished);
        credential.acquire();
        QVERIFY(finished.wait(10000));
        QVERIFY(otherAnswer.contains("authorization_pending"));
        const TokenGrant grant = finished.first().first().value<TokenGrant>();
        QVERIFY2(grant.ok(), qPrintable(grant.errorCode));
        QCOMPARE(errorCount(host, "slow_down"), 1);
        QCOMPARE(credential.intervalSeconds(), 10);
        QCOMPARE(credential.pollCount(), 3);
        // Poll 1 at 5 s (answered slow_down), polls 2 and 3 each 10 s apart.
        verifyGaps(host, {5000, 10000, 10000});
    }

    void declinedStopsPolling()
    {
        EntraHost host(manualApproval(), kSpeed);
        DeviceCodeCredential credential(configFor(host));
        QString userCode;
        connect(&credential, &DeviceCodeCredential::deviceCodeReady, this,
                [&userCode](const QString &code) { userCode = code; });
        host.onPollAnswered = [&](int poll) {
            if (poll == 1)
                QVERIFY(host.entra().declineDeviceCode(userCode));
        };
        QSignalSpy finished(&credential, &Credential::finished);
        credential.acquire();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().value<TokenGrant>().errorCode, QStringLiteral("authorization_declined"));
        QTest::qWait(int(3 * 5000 / kSpeed)); // three more intervals: nothing more is sent
        QCOMPARE(host.pollTimesMs.size(), 2);
        QCOMPARE(finished.size(), 1);
    }

    void neverPollsAfterExpiresIn()
    {
        // expires_in 30 s, interval 5 s, nobody approves: polls at 5, 10, 15, 20, 25 and none at 30.
        EntraHost host(manualApproval(30), kSpeed);
        DeviceCodeCredential credential(configFor(host));
        QSignalSpy finished(&credential, &Credential::finished);
        credential.acquire();
        QVERIFY(finished.wait(10000));
        const TokenGrant grant = finished.first().first().value<TokenGrant>();
        QCOMPARE(grant.errorCode, QStringLiteral("expired_token"));
        QVERIFY(!grant.errorMessage.isEmpty());
        QVERIFY(host.clock().nowMSecsSinceStart() - host.deviceCodeIssuedMs >= 29000);
        QTest::qWait(int(2 * 5000 / kSpeed));
        verifyGaps(host, {5000, 5000, 5000, 5000, 5000});
        QVERIFY(host.pollTimesMs.last() < host.deviceCodeIssuedMs + 30000);
        QCOMPARE(host.entra().counters()["deviceCodePollsAfterExpiry"].get<int>(), 0);
    }

    void expiredTokenFromServiceStops()
    {
        EntraHost host(manualApproval(), kSpeed);
        DeviceCodeCredential credential(configFor(host));
        // The service's clock jumps past expiry (the user went for lunch): its answer ends the flow.
        host.onDeviceCodeAnswered = [&] { host.clock().advance(901 * 1000); };
        QSignalSpy finished(&credential, &Credential::finished);
        credential.acquire();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().value<TokenGrant>().errorCode, QStringLiteral("expired_token"));
        QTest::qWait(int(2 * 5000 / kSpeed));
        QCOMPARE(host.pollTimesMs.size(), 1);
    }

    void cancelStopsPolling()
    {
        EntraHost host(manualApproval(), kSpeed);
        DeviceCodeCredential credential(configFor(host));
        host.onPollAnswered = [&](int poll) {
            if (poll == 1)
                credential.cancel();
        };
        QSignalSpy finished(&credential, &Credential::finished);
        credential.acquire();
        QTRY_COMPARE_WITH_TIMEOUT(host.pollTimesMs.size(), 1, 10000);
        QTest::qWait(int(3 * 5000 / kSpeed));
        QCOMPARE(host.pollTimesMs.size(), 1);
        QVERIFY(finished.isEmpty());
        QVERIFY(!credential.isBusy());
    }

    void destroyedWhilePolling()
    {
        EntraHost host(manualApproval(), kSpeed);
        auto *credential = new DeviceCodeCredential(configFor(host));
        host.onPollAnswered = [&](int poll) {
            if (poll == 1)
                delete credential;
        };
        credential->acquire();
        QTRY_COMPARE_WITH_TIMEOUT(host.pollTimesMs.size(), 1, 10000);
        QTest::qWait(int(2 * 5000 / kSpeed));
        QCOMPARE(host.pollTimesMs.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAuthDeviceCode)
#include "tst_auth_devicecode.moc"
