#include "models/json.h"

#include <QTest>

using namespace fmc;

class TestJson : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void keepsKeyOrder();
};

void TestJson::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("errorContains");

    QTest::addRow("object") << QByteArray(R"({"a":1})") << true << QString();
    QTest::addRow("empty") << QByteArray() << false << QStringLiteral("Not valid JSON");
    QTest::addRow("truncated") << QByteArray(R"({"a":)") << false << QStringLiteral("Not valid JSON");
    QTest::addRow("binary") << QByteArray("\x00\xff\xfe", 3) << false << QStringLiteral("Not valid JSON");
    QTest::addRow("depth 64 ok") << QByteArray(63, '[') + QByteArray(63, ']') << true << QString();
    QTest::addRow("depth 65 refused") << QByteArray(65, '[') + QByteArray(65, ']') << false
                                      << QStringLiteral("nested deeper than 64");
    QTest::addRow("very deep refused") << QByteArray(100000, '[') << false << QStringLiteral("nested deeper");
}

void TestJson::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, ok);
    QFETCH(QString, errorContains);
    QString error;
    const auto value = parseJson(input, &error);
    QCOMPARE(value.has_value(), ok);
    if (!ok)
        QVERIFY2(error.contains(errorContains), qPrintable(error));
}

void TestJson::keepsKeyOrder()
{
    const QByteArray text = R"({"z":1,"a":{"y":2,"b":3},"m":[1,2]})";
    const auto value = parseJson(text);
    QVERIFY(value);
    QCOMPARE(dumpJson(*value), text);

    QString error;
    JsonLimits small;
    small.maxBytes = 4;
    QVERIFY(!parseJson(text, &error, small));
    QVERIFY(error.contains(QStringLiteral("at most 4")));
}

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"
