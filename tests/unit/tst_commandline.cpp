#include "app/commandline.h"

#include <QTest>

using namespace fmc;
using Action = CommandLineResult::Action;

class TestCommandLine : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
};

void TestCommandLine::parse_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("action");
    QTest::addColumn<QString>("errorContains");

    QTest::addRow("nothing") << QStringList{} << int(Action::Run) << QString();
    QTest::addRow("help") << QStringList{QStringLiteral("--help")} << int(Action::ShowHelp) << QString();
    QTest::addRow("help-all") << QStringList{QStringLiteral("--help-all")} << int(Action::ShowHelp) << QString();
    QTest::addRow("version") << QStringList{QStringLiteral("--version")} << int(Action::ShowVersion) << QString();
    QTest::addRow("sandbox") << QStringList{QStringLiteral("--sandbox")} << int(Action::Run) << QString();
    QTest::addRow("unknown option") << QStringList{QStringLiteral("--bogus")} << int(Action::Error)
                                    << QStringLiteral("bogus");
    QTest::addRow("stray argument") << QStringList{QStringLiteral("extra")} << int(Action::Error)
                                    << QStringLiteral("extra");
    QTest::addRow("dashboard ws/db") << QStringList{QStringLiteral("--dashboard"), QStringLiteral("Sales/Orders")}
                                     << int(Action::Run) << QString();
    QTest::addRow("dashboard all") << QStringList{QStringLiteral("--dashboard=all")} << int(Action::Run) << QString();
    QTest::addRow("dashboard no slash") << QStringList{QStringLiteral("--dashboard=Sales")} << int(Action::Error)
                                        << QStringLiteral("WORKSPACE/DATABASE");
    QTest::addRow("dashboard empty half") << QStringList{QStringLiteral("--dashboard=Sales/")} << int(Action::Error)
                                          << QStringLiteral("WORKSPACE/DATABASE");
    QTest::addRow("api url") << QStringList{QStringLiteral("--api-url=https://api.fabric.microsoft.com/v1")}
                             << int(Action::Run) << QString();
    QTest::addRow("api url not a url") << QStringList{QStringLiteral("--api-url=ftp://x")} << int(Action::Error)
                                       << QStringLiteral("not an http(s) URL");
    QTest::addRow("api url http remote") << QStringList{QStringLiteral("--api-url"), QStringLiteral("http://example.com/v1")}
                                         << int(Action::Error) << QStringLiteral("must use https");
    QTest::addRow("api url http remote ip") << QStringList{QStringLiteral("--api-url=http://10.1.2.3:8080/v1")}
                                            << int(Action::Error) << QStringLiteral("10.1.2.3");
    QTest::addRow("api url http loopback ip") << QStringList{QStringLiteral("--api-url=http://127.0.0.1:8443/v1")}
                                              << int(Action::Run) << QString();
    QTest::addRow("api url http localhost") << QStringList{QStringLiteral("--api-url=http://localhost/v1")}
                                            << int(Action::Run) << QString();
    QTest::addRow("api url http ipv6 loopback") << QStringList{QStringLiteral("--api-url=http://[::1]:9000/v1")}
                                                << int(Action::Run) << QString();
    QTest::addRow("authority http remote") << QStringList{QStringLiteral("--authority=http://login.example.com")}
                                           << int(Action::Error) << QStringLiteral("--authority must use https");
    QTest::addRow("authority http loopback") << QStringList{QStringLiteral("--authority=http://127.0.0.1:9001")}
                                             << int(Action::Run) << QString();
    QTest::addRow("api url missing value") << QStringList{QStringLiteral("--api-url")} << int(Action::Error)
                                           << QStringLiteral("api-url");
    QTest::addRow("background") << QStringList{QStringLiteral("--background")} << int(Action::Run) << QString();
    QTest::addRow("background takes no value") << QStringList{QStringLiteral("--background=yes")} << int(Action::Error)
                                               << QStringLiteral("background");
    QTest::addRow("profile") << QStringList{QStringLiteral("--profile"), QStringLiteral("PROD")} << int(Action::Run) << QString();
    QTest::addRow("profile blank") << QStringList{QStringLiteral("--profile= ")} << int(Action::Error)
                                   << QStringLiteral("--profile expects");
    QTest::addRow("profile missing value") << QStringList{QStringLiteral("--profile")} << int(Action::Error)
                                           << QStringLiteral("profile");
}

void TestCommandLine::parse()
{
    QFETCH(QStringList, args);
    QFETCH(int, action);
    QFETCH(QString, errorContains);
    args.prepend(QStringLiteral("fabric-mirroring-console"));
    const CommandLineResult result = parseConsoleCommandLine(args);
    QVERIFY2(int(result.action) == action, qPrintable(result.errorText));
    if (!errorContains.isEmpty())
        QVERIFY2(result.errorText.contains(errorContains), qPrintable(result.errorText));
    if (result.action == Action::ShowHelp) {
        QVERIFY(result.helpText.contains(QStringLiteral("--sandbox")));
        QVERIFY(result.helpText.contains(QStringLiteral("--background")));
        QVERIFY(result.helpText.contains(QStringLiteral("--profile <NAME>")));
    }
    if (result.action == Action::Run)
        QCOMPARE(result.options.background, args.contains(QStringLiteral("--background")));
    if (result.action == Action::Run && args.contains(QStringLiteral("--profile")))
        QCOMPARE(result.options.profile, args.last());
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
