// Profiles in the settings file (issue #21): the store, the values' checks, and the upgrade of
// today's single set of settings (and its keychain entries) into the first profile, once.

#include "app/auth/credentialfactory.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/profiles/profilesecretmigration.h"
#include "app/profiles/profilestore.h"
#include "app/settings/consolesettings.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(fmc::ConsoleSettings)

using namespace fmc;

namespace {

// Reads \a key from \a store as a caller would, waiting for the asynchronous answer.
QString readSecret(SecretStore &store, const QString &key)
{
    QString value;
    bool answered = false;
    store.read(key, &store, [&](const QString &secret) {
        value = secret;
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }))
        return QStringLiteral("<no answer>");
    return value;
}

// What today's console writes at a sign-in with \a kind: the refresh token under its account
// key and, for a service principal, its secret (TokenSession::accept).
void writeTodaysSecrets(SecretStore &store, const ConsoleSettings &settings, Credential::Kind kind)
{
    CredentialChoice choice;
    choice.kind = kind;
    choice.config.authority = settings.authority;
    choice.config.tenant = settings.tenant;
    choice.config.clientId = settings.clientId;
    if (kind == Credential::Kind::ClientSecret) {
        choice.config.tenant = settings.lastServicePrincipalTenant;
        choice.config.clientId = settings.lastServicePrincipalId;
        choice.clientSecret = QStringLiteral("sp-secret-value");
        store.write(TokenSession::clientSecretKey(choice.config), choice.clientSecret);
    }
    std::unique_ptr<Credential> credential(CredentialFactory::create(choice));
    store.write(TokenSession::refreshTokenKey(*credential), QStringLiteral("refresh-token-of-") + CredentialFactory::key(kind));
}

} // namespace

class TestProfileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void upgradeFromTodaysSettings_data();
    void upgradeFromTodaysSettings();
    void upgradeFromTodaysFileOnDisk();
    void secondStartDoesNotMigrateAgain();
    void saveEditRemoveKeepOrder();
    void findByIdNameOrLabel_data();
    void findByIdNameOrLabel();
    void problems_data();
    void problems();
    void handEditedProfileStillLoads();

private:
    QTemporaryDir m_dir;
    QString freshFile(const QString &name) const { return m_dir.filePath(name + QStringLiteral(".conf")); }
};

void TestProfileStore::upgradeFromTodaysSettings_data()
{
    QTest::addColumn<ConsoleSettings>("today");
    QTest::addColumn<int>("kind"); // Credential::Kind of the last sign-in; -1: never signed in
    QTest::addColumn<int>("secrets"); // keychain entries today's console left

    QTest::addRow("fresh install") << ConsoleSettings() << -1 << 0;

    ConsoleSettings user;
    user.apiBaseUrl = QUrl(QStringLiteral("https://api.fabric.microsoft.com/v1"));
    user.authority = QUrl(QStringLiteral("https://login.microsoftonline.us"));
    user.tenant = QStringLiteral("contoso.onmicrosoft.com");
    user.clientId = QStringLiteral("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
    user.refreshIntervalSeconds = 30;
    user.historyRetentionDays = 90;
    user.lastSignInMethod = CredentialFactory::key(Credential::Kind::DeviceCode);
    user.lastAccount = QStringLiteral("ops@contoso.com");
    QTest::addRow("device code user") << user << int(Credential::Kind::DeviceCode) << 1;

    ConsoleSettings principal = user;
    principal.apiBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:8443/v1"));
    principal.lastSignInMethod = CredentialFactory::key(Credential::Kind::ClientSecret);
    principal.lastAccount = QStringLiteral("11111111-2222-3333-4444-555555555555");
    principal.lastServicePrincipalId = QStringLiteral("11111111-2222-3333-4444-555555555555");
    principal.lastServicePrincipalTenant = QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47");
    QTest::addRow("service principal") << principal << int(Credential::Kind::ClientSecret) << 2;
}

void TestProfileStore::upgradeFromTodaysSettings()
{
    QFETCH(ConsoleSettings, today);
    QFETCH(int, kind);
    QFETCH(int, secrets);

    const QString path = freshFile(QString::fromLatin1(QTest::currentDataTag()));
    {
        QSettings file(path, QSettings::IniFormat);
        today.save(file); // exactly what today's console writes
    }
    SecretStore keychain;
    keychain.setKeychainEnabled(false); // no keychain here: the store's memory plays it
    if (kind >= 0)
        writeTodaysSecrets(keychain, today, Credential::Kind(kind));

    QSettings file(path, QSettings::IniFormat);
    ProfileStore store(&file);
    QVERIFY(store.needsMigration());
    QSignalSpy changed(&store, &ProfileStore::changed);
    const Profile first = store.migrateLegacySettings();
    QCOMPARE(changed.count(), 1);
    QVERIFY(!store.needsMigration());

    // Every value of today's sign-in set is in the first profile.
    QCOMPARE(first.apiBaseUrl, today.apiBaseUrl);
    QCOMPARE(first.authority, today.authority);
    QCOMPARE(first.tenant, today.tenant);
    QCOMPARE(first.clientId, today.clientId);
    QCOMPARE(first.signInMethod, today.lastSignInMethod);
    QCOMPARE(first.account, today.lastAccount);
    QCOMPARE(first.servicePrincipalId, today.lastServicePrincipalId);
    QCOMPARE(first.servicePrincipalTenant, today.lastServicePrincipalTenant);
    QVERIFY2(first.problems().isEmpty(), qPrintable(first.problems().join(QLatin1Char('\n'))));
    QVERIFY(!first.production);
    QCOMPARE(store.profiles(), QList<Profile>{first});
    QCOMPARE(store.lastUsedId(), first.id);

    // Nothing lost: the global preferences and the old keys read back as today's console reads them.
    QCOMPARE(ConsoleSettings::load(file), today);

    // The keychain entries are copied under the profile's prefix and the old ones stay.
    int copied = -1;
    ProfileSecretMigration::run(&keychain, first, this, [&](int n) { copied = n; });
    QVERIFY(QTest::qWaitFor([&] { return copied >= 0; }));
    QCOMPARE(copied, secrets);
    for (const QString &key : ProfileSecretMigration::accountKeys(first)) {
        const QString old = readSecret(keychain, key);
        QCOMPARE(readSecret(keychain, first.keyPrefix() + key), old);
    }
    if (kind >= 0) {
        // A session of the first profile finds the refresh token where it now looks for it.
        TokenSession session(&keychain);
        session.setKeyPrefix(first.keyPrefix());
        CredentialChoice choice;
        choice.kind = Credential::Kind(kind);
        choice.config = first.authConfig();
        if (choice.kind == Credential::Kind::ClientSecret) {
            choice.config.tenant = first.servicePrincipalTenant;
            choice.config.clientId = first.servicePrincipalId;
            QCOMPARE(readSecret(keychain, session.storedKey(TokenSession::clientSecretKey(choice.config))),
                     QStringLiteral("sp-secret-value"));
        }
        std::unique_ptr<Credential> credential(CredentialFactory::create(choice));
        QCOMPARE(readSecret(keychain, session.storedKey(TokenSession::refreshTokenKey(*credential))),
                 QStringLiteral("refresh-token-of-") + first.signInMethod);
    }
}

void TestProfileStore::upgradeFromTodaysFileOnDisk()
{
    // A settings file as today's console leaves it on disk (tests/data/settings).
    const QString path = freshFile(QStringLiteral("on-disk"));
    QVERIFY(QFile::copy(QStringLiteral(FMC_TEST_DATA_DIR "/settings/console-before-profiles.conf"), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    QSettings file(path, QSettings::IniFormat);
    const ConsoleSettings before = ConsoleSettings::load(file);
    ProfileStore store(&file);
    QVERIFY(store.needsMigration());
    const Profile first = store.migrateLegacySettings();
    QCOMPARE(first.tenant, QStringLiteral("contoso.onmicrosoft.com"));
    QCOMPARE(first.clientId, QStringLiteral("04b07795-8ddb-461a-bbee-02f9e1bf7b46"));
    QCOMPARE(first.signInMethod, QStringLiteral("device-code"));
    QCOMPARE(first.account, QStringLiteral("ops@contoso.com"));
    QCOMPARE(first.servicePrincipalId, QStringLiteral("11111111-2222-3333-4444-555555555555"));
    QCOMPARE(first.servicePrincipalTenant, QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47"));
    QCOMPARE(ConsoleSettings::load(file), before);
    QCOMPARE(before.refreshIntervalSeconds, 15);
    QCOMPARE(before.historyRetentionDays, 45);
}

void TestProfileStore::secondStartDoesNotMigrateAgain()
{
    const QString path = freshFile(QStringLiteral("twice"));
    Profile first;
    {
        QSettings file(path, QSettings::IniFormat);
        ConsoleSettings().save(file);
        ProfileStore store(&file);
        first = store.migrateLegacySettings();
        first.label = QStringLiteral("DEV");
        store.save(first); // the user renames it after the upgrade
    }
    // Second start: a new QSettings over the same file, as a new process would open it.
    QSettings file(path, QSettings::IniFormat);
    ProfileStore store(&file);
    QVERIFY(!store.needsMigration());
    QCOMPARE(store.profiles(), QList<Profile>{first});
    // Even with every profile deleted, the upgrade does not come back.
    store.remove(first.id);
    QSettings again(path, QSettings::IniFormat);
    QVERIFY(!ProfileStore(&again).needsMigration());
    QVERIFY(ProfileStore(&again).profiles().isEmpty());
}

void TestProfileStore::saveEditRemoveKeepOrder()
{
    QSettings file(freshFile(QStringLiteral("order")), QSettings::IniFormat);
    ProfileStore store(&file);
    QList<Profile> made;
    for (const char *name : {"Dev", "Test", "Prod"}) {
        Profile p;
        p.id = Profile::newId();
        p.name = QString::fromLatin1(name);
        p.label = p.name.toUpper();
        made << p;
        store.save(p);
    }
    made[2].production = true;
    made[2].colour = Profile::productionColour();
    made[2].tenant = QStringLiteral("fabrikam.onmicrosoft.com");
    store.save(made[2]); // an edit keeps the place
    QCOMPARE(store.profiles(), made);
    store.remove(made[1].id);
    made.removeAt(1);
    QCOMPARE(store.profiles(), made);
    QVERIFY(!file.childGroups().isEmpty());
    file.beginGroup(QStringLiteral("profiles"));
    QCOMPARE(file.childGroups().size(), 2); // the removed group is gone from the file
    file.endGroup();
}

void TestProfileStore::findByIdNameOrLabel_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected"); // name, or empty for none
    QTest::addRow("label, other case") << QStringLiteral("prod") << QStringLiteral("Contoso production");
    QTest::addRow("name") << QStringLiteral("contoso DEV") << QStringLiteral("Contoso dev");
    QTest::addRow("unknown") << QStringLiteral("staging") << QString();
    QTest::addRow("empty") << QString() << QString();
}

void TestProfileStore::findByIdNameOrLabel()
{
    QFETCH(QString, key);
    QFETCH(QString, expected);
    QSettings file(freshFile(QStringLiteral("find")), QSettings::IniFormat);
    ProfileStore store(&file);
    Profile dev;
    dev.id = Profile::newId();
    dev.name = QStringLiteral("Contoso dev");
    store.save(dev);
    Profile prod;
    prod.id = Profile::newId();
    prod.name = QStringLiteral("Contoso production");
    prod.label = QStringLiteral("PROD");
    store.save(prod);
    const auto found = store.find(key);
    QCOMPARE(found ? found->name : QString(), expected);
    QCOMPARE(store.find(prod.id)->name, prod.name);
}

void TestProfileStore::problems_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("sentence"); // a word of the expected sentence; empty: valid
    QTest::addRow("valid") << QString() << QString() << QString();
    QTest::addRow("no name") << "name" << "  " << "name";
    QTest::addRow("long label") << "label" << "PRODUCTION-EU-WEST-1" << "16 characters";
    QTest::addRow("http api") << "api" << "http://api.example.com/v1" << "https";
    QTest::addRow("bad tenant") << "tenant" << "not a tenant!" << "tenant id";
    QTest::addRow("bad client id") << "clientId" << "abc" << "GUID";
    QTest::addRow("unknown method") << "method" << "carrier-pigeon" << "sign-in method";
    QTest::addRow("bad colour") << "colour" << "not-a-colour" << "colour";
}

void TestProfileStore::problems()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, sentence);
    Profile p;
    p.id = Profile::newId();
    p.name = QStringLiteral("Dev");
    if (field == QLatin1String("name"))
        p.name = value;
    else if (field == QLatin1String("label"))
        p.label = value;
    else if (field == QLatin1String("api"))
        p.apiBaseUrl = QUrl(value);
    else if (field == QLatin1String("tenant"))
        p.tenant = value;
    else if (field == QLatin1String("clientId"))
        p.clientId = value;
    else if (field == QLatin1String("method"))
        p.signInMethod = value;
    else if (field == QLatin1String("colour"))
        p.colour = QColor(value);
    const QStringList problems = p.problems();
    if (sentence.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        return;
    }
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().contains(sentence, Qt::CaseInsensitive), qPrintable(problems.first()));
}

void TestProfileStore::handEditedProfileStillLoads()
{
    const QString path = freshFile(QStringLiteral("hand-edited"));
    QString id;
    {
        QSettings file(path, QSettings::IniFormat);
        ProfileStore store(&file);
        Profile p;
        p.id = Profile::newId();
        p.name = QStringLiteral("Prod");
        store.save(p);
        id = p.id;
        file.setValue(QStringLiteral("profiles/%1/auth/tenant").arg(id), QStringLiteral("<script>"));
    }
    QSettings file(path, QSettings::IniFormat);
    ProfileStore store(&file);
    QStringList problems;
    const QList<Profile> loaded = store.profiles(&problems);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.first().tenant, QStringLiteral("<script>"));
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.first().startsWith(QStringLiteral("Profile Prod:")));
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
