// ConsoleSettings validation (data-driven), persistence in a temporary QSettings file, a
// hand-edited file with bad values (reported and replaced by defaults), and the settings dialog:
// inline reasons and OK disabled while a value is invalid.
#include "app/settings/consolesettings.h"
#include "ui/settings/settingsdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;

class TestSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString iniPath(const QString &name) const { return m_dir.filePath(name + QStringLiteral(".ini")); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void endpointUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("reasonContains"); // empty: valid
        QTest::addRow("fabric") << "https://api.fabric.microsoft.com/v1" << "";
        QTest::addRow("https with port") << "https://example.test:8443/v1" << "";
        QTest::addRow("http loopback v4") << "http://127.0.0.1:5000/v1" << "";
        QTest::addRow("http localhost") << "http://localhost:5000/v1" << "";
        QTest::addRow("http loopback v6") << "http://[::1]:5000/v1" << "";
        QTest::addRow("http remote") << "http://api.fabric.microsoft.com/v1" << "must use https";
        QTest::addRow("http lan") << "http://192.168.1.10/v1" << "must use https";
        QTest::addRow("ftp") << "ftp://example.test/" << "https URL";
        QTest::addRow("empty") << "" << "empty";
        QTest::addRow("no host") << "https:///v1" << "not a valid URL";
        QTest::addRow("garbage") << "not a url" << "not a valid URL";
    }
    void endpointUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, reasonContains);
        const QString reason = ConsoleSettings::checkEndpointUrl(QUrl(url, QUrl::StrictMode), QStringLiteral("The API base URL"));
        if (reasonContains.isEmpty()) {
            QVERIFY2(reason.isEmpty(), qPrintable(reason));
        } else {
            QVERIFY2(reason.contains(reasonContains), qPrintable(reason));
            QVERIFY(reason.startsWith(QLatin1String("The API base URL")));
        }
    }

    void tenantAndClient_data()
    {
        QTest::addColumn<QString>("tenant");
        QTest::addColumn<bool>("tenantValid");
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<bool>("clientValid");
        QTest::addRow("organizations, empty client") << "organizations" << true << "" << true;
        QTest::addRow("guid tenant, guid client") << "72f988bf-86f1-41af-91ab-2d7cd011db47" << true
                                                  << "04b07795-8ddb-461a-bbee-02f9e1bf7b46" << true;
        QTest::addRow("domain") << "contoso.onmicrosoft.com" << true << "{04b07795-8ddb-461a-bbee-02f9e1bf7b46}" << false;
        QTest::addRow("empty tenant") << "" << false << "not-a-guid" << false;
        QTest::addRow("slash in tenant") << "contoso/evil" << false << "04b07795" << false;
        QTest::addRow("space in tenant") << "con toso" << false << "04b07795-8ddb-461a-bbee-02f9e1bf7b4" << false;
    }
    void tenantAndClient()
    {
        QFETCH(QString, tenant);
        QFETCH(bool, tenantValid);
        QFETCH(QString, clientId);
        QFETCH(bool, clientValid);
        QCOMPARE(ConsoleSettings::checkTenant(tenant).isEmpty(), tenantValid);
        QCOMPARE(ConsoleSettings::checkClientId(clientId).isEmpty(), clientValid);
    }

    void ranges_data()
    {
        QTest::addColumn<int>("refresh");
        QTest::addColumn<int>("limit");
        QTest::addColumn<bool>("valid");
        QTest::addRow("defaults") << 10 << 1000 << true;
        QTest::addRow("edges low") << ConsoleSettings::kMinRefreshSeconds << ConsoleSettings::kMinTableLimit << true;
        QTest::addRow("edges high") << ConsoleSettings::kMaxRefreshSeconds << ConsoleSettings::kMaxTableLimit << true;
        QTest::addRow("refresh too fast") << 1 << 1000 << false;
        QTest::addRow("limit automatic") << 10 << ConsoleSettings::kAutomaticTableLimit << true;
        QTest::addRow("limit over max") << 10 << ConsoleSettings::kMaxTableLimit + 1 << false;
        QTest::addRow("negative") << -5 << -1 << false;
    }
    void ranges()
    {
        QFETCH(int, refresh);
        QFETCH(int, limit);
        QFETCH(bool, valid);
        ConsoleSettings s;
        s.refreshIntervalSeconds = refresh;
        s.tableLimit = limit;
        QCOMPARE(s.problems().isEmpty(), valid);
    }

    void defaultsAreValid()
    {
        QVERIFY2(ConsoleSettings().problems().isEmpty(), qPrintable(ConsoleSettings().problems().join(' ')));
        QSettings empty(iniPath(QStringLiteral("empty")), QSettings::IniFormat);
        QStringList problems;
        QCOMPARE(ConsoleSettings::load(empty, &problems), ConsoleSettings());
        QVERIFY(problems.isEmpty());
    }

    void persists()
    {
        ConsoleSettings s;
        s.apiBaseUrl = QUrl(QStringLiteral("https://api.example.test/v1"));
        s.authority = QUrl(QStringLiteral("https://login.example.test"));
        s.tenant = QStringLiteral("contoso.onmicrosoft.com");
        s.clientId = QStringLiteral("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
        s.refreshIntervalSeconds = 30;
        s.tableLimit = 250;
        s.lastSignInMethod = QStringLiteral("client-secret");
        s.lastAccount = QStringLiteral("ops@contoso.com");
        s.lastServicePrincipalId = QStringLiteral("11111111-2222-3333-4444-555555555555");
        s.lastServicePrincipalTenant = QStringLiteral("contoso.onmicrosoft.com");
        s.sinceLastLookedAtStart = false;
        const QString path = iniPath(QStringLiteral("persist"));
        {
            QSettings file(path, QSettings::IniFormat);
            s.save(file);
        }
        QSettings file(path, QSettings::IniFormat);
        QStringList problems;
        QCOMPARE(ConsoleSettings::load(file, &problems), s);
        QVERIFY(problems.isEmpty());
        // Only the documented keys are written: nothing that could hold a secret or token.
        const QStringList expected{QStringLiteral("api/baseUrl"), QStringLiteral("auth/authority"),
                                   QStringLiteral("auth/clientId"), QStringLiteral("auth/tenant"),
                                   QStringLiteral("editor/maxTablesPerDatabase"), QStringLiteral("history/retentionDays"),
                                   QStringLiteral("history/sinceLastLookedAtStart"), QStringLiteral("history/sizeCapMiB"), QStringLiteral("monitor/refreshIntervalSeconds"),
                                   QStringLiteral("signIn/account"), QStringLiteral("signIn/method"),
                                   QStringLiteral("signIn/servicePrincipalId"),
                                   QStringLiteral("signIn/servicePrincipalTenant"),
                                   QStringLiteral("sqlEndpoint/refreshTimeoutMinutes")};
        QStringList keys = file.allKeys();
        keys.sort();
        QCOMPARE(keys, expected);
    }

    void handEditedBadValues_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addRow("plain http API") << "api/baseUrl" << "http://api.fabric.microsoft.com/v1";
        QTest::addRow("empty API") << "api/baseUrl" << "";
        QTest::addRow("authority garbage") << "auth/authority" << "::::";
        QTest::addRow("tenant with slash") << "auth/tenant" << "a/b";
        QTest::addRow("client not guid") << "auth/clientId" << "hello";
        QTest::addRow("refresh text") << "monitor/refreshIntervalSeconds" << "often";
        QTest::addRow("refresh zero") << "monitor/refreshIntervalSeconds" << "0";
        QTest::addRow("limit huge") << "editor/maxTablesPerDatabase" << "99999999999";
        QTest::addRow("limit negative") << "editor/maxTablesPerDatabase" << "-3";
        QTest::addRow("unknown method") << "signIn/method" << "telepathy";
        QTest::addRow("SQL endpoint timeout zero") << "sqlEndpoint/refreshTimeoutMinutes" << "0";
        QTest::addRow("SQL endpoint timeout past the LRO limit") << "sqlEndpoint/refreshTimeoutMinutes" << "31";
        QTest::addRow("history zero days") << "history/retentionDays" << "0";
        QTest::addRow("history cap tiny") << "history/sizeCapMiB" << "1";
    }
    void handEditedBadValues()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        const QString path = iniPath(QStringLiteral("bad-") + QString::number(qHash(key + value)));
        {
            QSettings file(path, QSettings::IniFormat);
            ConsoleSettings good;
            good.tenant = QStringLiteral("contoso.onmicrosoft.com"); // a valid non-default neighbour survives
            good.save(file);
            file.setValue(key, value);
        }
        QSettings file(path, QSettings::IniFormat);
        QStringList problems;
        const ConsoleSettings loaded = ConsoleSettings::load(file, &problems);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.constFirst().contains(key), qPrintable(problems.constFirst()));
        QVERIFY(loaded.problems().isEmpty());
        ConsoleSettings expected;
        if (key != QLatin1String("auth/tenant"))
            expected.tenant = QStringLiteral("contoso.onmicrosoft.com");
        QCOMPARE(loaded, expected);
    }

    void tableLimitMeaning_data()
    {
        QTest::addColumn<int>("setting");
        QTest::addColumn<QString>("sourceType");
        QTest::addColumn<int>("expected");
        QTest::addRow("automatic azure sql") << ConsoleSettings::kAutomaticTableLimit << "AzureSqlDatabase" << 500;
        QTest::addRow("automatic postgres") << ConsoleSettings::kAutomaticTableLimit << "AzurePostgreSql" << 500;
        QTest::addRow("automatic snowflake") << ConsoleSettings::kAutomaticTableLimit << "Snowflake" << 1000;
        QTest::addRow("override azure sql") << 3 << "AzureSqlDatabase" << 3;
        QTest::addRow("override snowflake") << 3 << "Snowflake" << 3;
        QTest::addRow("raised by microsoft") << 5000 << "AzureSqlMI" << 5000;
    }
    //! Automatic is the documented per-source limits; a number overrides them for every source.
    void tableLimitMeaning()
    {
        QFETCH(int, setting);
        QFETCH(QString, sourceType);
        QFETCH(int, expected);
        ConsoleSettings s;
        s.tableLimit = setting;
        QCOMPARE(s.definitionLimits().maxTables(sourceType), expected);
    }

    //! The old key defaulted to 1000 and was never read: a saved 1000 must not become an override.
    void oldTableLimitKeyIsIgnored()
    {
        const QString path = iniPath(QStringLiteral("old-limit"));
        {
            QSettings file(path, QSettings::IniFormat);
            file.setValue(QStringLiteral("monitor/tableLimit"), 1000);
        }
        QSettings file(path, QSettings::IniFormat);
        ConsoleSettings loaded = ConsoleSettings::load(file);
        QCOMPARE(loaded.tableLimit, ConsoleSettings::kAutomaticTableLimit);
        QCOMPARE(loaded.definitionLimits().maxTables(QStringLiteral("AzureSqlDatabase")), 500);
        loaded.save(file);
        QVERIFY(!file.contains(QStringLiteral("monitor/tableLimit")));
    }

    void dialogTableLimit()
    {
        ConsoleSettings s;
        SettingsDialog dialog(s);
        auto *spin = dialog.findChild<QSpinBox *>(QStringLiteral("tableLimitSpin"));
        QVERIFY(spin);
        QVERIFY2(spin->text().startsWith(QLatin1String("Automatic")), qPrintable(spin->text()));
        QVERIFY2(spin->text().contains(QLatin1String("Snowflake")), qPrintable(spin->text()));
        QVERIFY(spin->toolTip().contains(QLatin1String("overrides")));
        spin->setValue(3);
        QCOMPARE(dialog.settings().tableLimit, 3);
        QVERIFY(dialog.isValid());
        spin->setValue(spin->minimum());
        QCOMPARE(dialog.settings().tableLimit, ConsoleSettings::kAutomaticTableLimit);
    }

    void dialogValidatesInline()
    {
        SettingsDialog dialog(ConsoleSettings{});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        auto *api = dialog.findChild<QLineEdit *>(QStringLiteral("apiUrlEdit"));
        auto *apiError = dialog.findChild<QLabel *>(QStringLiteral("apiUrlError"));
        auto *client = dialog.findChild<QLineEdit *>(QStringLiteral("clientIdEdit"));
        auto *clientError = dialog.findChild<QLabel *>(QStringLiteral("clientIdError"));
        QVERIFY(ok && api && apiError && client && clientError);
        QVERIFY(ok->isEnabled());
        QVERIFY(!apiError->isVisible());

        api->selectAll();
        QTest::keyClicks(api, QStringLiteral("http://fabric.example.com/v1"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(apiError->isVisible());
        QVERIFY2(apiError->text().contains(QLatin1String("https")), qPrintable(apiError->text()));
        QVERIFY(!dialog.isValid());

        api->clear();
        QTest::keyClicks(api, QStringLiteral("http://127.0.0.1:8080/v1"));
        QVERIFY(ok->isEnabled());
        QVERIFY(!apiError->isVisible());

        QTest::keyClicks(client, QStringLiteral("abc"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(clientError->isVisible());
        client->clear();
        QTest::keyClicks(client, QStringLiteral("04b07795-8ddb-461a-bbee-02f9e1bf7b46"));
        QVERIFY(ok->isEnabled());

        dialog.findChild<QSpinBox *>(QStringLiteral("refreshSpin"))->setValue(42);
        const ConsoleSettings edited = dialog.settings();
        QCOMPARE(edited.apiBaseUrl, QUrl(QStringLiteral("http://127.0.0.1:8080/v1")));
        QCOMPARE(edited.clientId, QStringLiteral("04b07795-8ddb-461a-bbee-02f9e1bf7b46"));
        QCOMPARE(edited.refreshIntervalSeconds, 42);

        QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
        QCOMPARE(dialog.settings(), ConsoleSettings());
        QVERIFY(ok->isEnabled());
    }

    void numbersAreNeverChangedSilently_data()
    {
        QTest::addColumn<QString>("spin");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("reason");
        QTest::addRow("refresh below the minimum") << "refresh"
                                                   << "1"
                                                   << "from 2 to 3600, not \"1\"";
        QTest::addRow("refresh fraction") << "refresh"
                                          << "2.5"
                                          << "not \"2.5\"";
        QTest::addRow("refresh above the maximum") << "refresh"
                                                   << "4000"
                                                   << "from 2 to 3600";
        QTest::addRow("table limit fraction") << "tableLimit"
                                              << "2.5"
                                              << "not \"2.5\"";
    }
    //! A number that is not valid stays as typed, with the reason in its row, and OK is disabled;
    //! QSpinBox put 10 back for a typed 1, and made "2.5" 25.
    void numbersAreNeverChangedSilently()
    {
        QFETCH(QString, spin);
        QFETCH(QString, typed);
        QFETCH(QString, reason);
        SettingsDialog dialog(ConsoleSettings{});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *box = dialog.findChild<QSpinBox *>(spin + QStringLiteral("Spin"));
        auto *error = dialog.findChild<QLabel *>(spin + QStringLiteral("Error"));
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(box && error && ok);
        box->setFocus();
        QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(box, Qt::Key_Delete);
        QTest::keyClicks(box, typed);
        QVERIFY2(box->text().startsWith(typed), qPrintable(box->text()));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(reason), qPrintable(error->text()));
        QVERIFY(!ok->isEnabled());
        QVERIFY(!dialog.isValid());
        // Leaving the field keeps what was typed: no value is put back behind the user's back.
        dialog.findChild<QLineEdit *>(QStringLiteral("tenantEdit"))->setFocus();
        QTRY_VERIFY(!box->hasFocus());
        QVERIFY2(box->text().startsWith(typed), qPrintable(box->text()));
        QVERIFY(!ok->isEnabled());

        box->setValue(30);
        QVERIFY(!error->isVisible());
        QVERIFY(ok->isEnabled());
    }

    //! An error gets its own row under its field, shown whole: the dialog grows, the field keeps
    //! its height and the message is not cut.
    void errorGetsItsOwnRow()
    {
        SettingsDialog dialog(ConsoleSettings{});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const int heightBefore = dialog.height();
        auto *api = dialog.findChild<QLineEdit *>(QStringLiteral("apiUrlEdit"));
        auto *apiError = dialog.findChild<QLabel *>(QStringLiteral("apiUrlError"));
        auto *authority = dialog.findChild<QLineEdit *>(QStringLiteral("authorityEdit"));
        api->selectAll();
        QTest::keyClicks(api, QStringLiteral("http://fabric.example.com/v1"));
        QVERIFY(apiError->isVisible());
        QTRY_VERIFY(dialog.height() > heightBefore);
        QVERIFY2(api->height() >= api->sizeHint().height(), qPrintable(QString::number(api->height())));
        QVERIFY(apiError->y() >= api->y() + api->height());
        QVERIFY(authority->y() >= apiError->y() + apiError->height());
        QVERIFY2(
            apiError->height() >= apiError->heightForWidth(apiError->width()),
            qPrintable(
                QStringLiteral("%1 < %2").arg(apiError->height()).arg(apiError->heightForWidth(apiError->width()))));
        QVERIFY(apiError->x() == api->x()); // under the field, not beside it
    }

    void dialogKeepsFieldsItDoesNotShow()
    {
        ConsoleSettings s;
        s.lastSignInMethod = QStringLiteral("device-code");
        s.lastAccount = QStringLiteral("me@contoso.com");
        SettingsDialog dialog(s);
        QCOMPARE(dialog.settings(), s);
        dialog.setNote(QStringLiteral("--api-url overrides"));
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("settingsNote"))->text(), QStringLiteral("--api-url overrides"));
    }

    void screenshot()
    {
        const QString dir = qEnvironmentVariable("FMC_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("FMC_SCREENSHOT_DIR not set");
        ConsoleSettings s;
        SettingsDialog dialog(s);
        dialog.setNote(tr("A new API base URL applies the next time the console starts."));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(dir + QStringLiteral("/settings-dialog.png")));
        auto *api = dialog.findChild<QLineEdit *>(QStringLiteral("apiUrlEdit"));
        api->setText(QStringLiteral("http://fabric.example.com/v1"));
        QVERIFY(dialog.grab().save(dir + QStringLiteral("/settings-dialog-invalid.png")));
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
