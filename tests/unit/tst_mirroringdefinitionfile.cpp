#include "models/mirroringdefinitionfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;

class TestMirroringDefinitionFile : public QObject
{
    Q_OBJECT
private slots:
    void init() { QVERIFY(m_dir.isValid()); }
    void samples_data();
    void samples();
    void rejects_data();
    void rejects();
    void missingAndFolder();
    void saveIsAtomicAndExact();
    void saveFailureIsReported();

private:
    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QTemporaryDir m_dir;
};

void TestMirroringDefinitionFile::samples_data()
{
    QTest::addColumn<QString>("path");
    const QDir samples(QStringLiteral(FMC_TEST_DATA_DIR "/../../resources/samples"));
    const QStringList files = samples.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 4);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << samples.filePath(file);
}

void TestMirroringDefinitionFile::samples()
{
    QFETCH(QString, path);
    QString error;
    const auto definition = MirroringDefinitionFile::load(path, &error);
    QVERIFY2(definition, qPrintable(error));
    const auto problems = definition->validate();
    QVERIFY(problems.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(definition->toJsonBytes(), file.readAll());
}

void TestMirroringDefinitionFile::rejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("maxBytes");
    QTest::addColumn<QString>("errorContains");
    const QByteArray valid = R"({"properties":{}})";
    QTest::addRow("too large") << valid << qint64(8) << QStringLiteral("larger than");
    QTest::addRow("limit is inclusive") << valid << qint64(valid.size()) << QString();
    QTest::addRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << MirroringDefinitionFile::DefaultMaxBytes
                            << QStringLiteral("binary file");
    QTest::addRow("utf-16") << QByteArray("\xFF\xFE{\0}\0", 6) << MirroringDefinitionFile::DefaultMaxBytes
                            << QStringLiteral("UTF-16");
    QTest::addRow("latin-1") << QByteArray("{\"database\":\"caf\xe9\"}") << MirroringDefinitionFile::DefaultMaxBytes
                             << QStringLiteral("not UTF-8");
    QTest::addRow("not json") << QByteArray("source: x\n") << MirroringDefinitionFile::DefaultMaxBytes
                              << QStringLiteral("Not valid JSON");
    QTest::addRow("deeply nested") << QByteArray(100000, '[') + QByteArray(100000, ']')
                                   << MirroringDefinitionFile::DefaultMaxBytes << QStringLiteral("nested deeper");
    QTest::addRow("array at top") << QByteArray("[]") << MirroringDefinitionFile::DefaultMaxBytes
                                  << QStringLiteral("object at the top level");
    QTest::addRow("utf-8 byte order mark") << QByteArray("\xEF\xBB\xBF") + valid
                                           << MirroringDefinitionFile::DefaultMaxBytes << QString();
}

void TestMirroringDefinitionFile::rejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, maxBytes);
    QFETCH(QString, errorContains);
    const QString path = write(QStringLiteral("mirroring.json"), bytes);
    QString error;
    const auto definition = MirroringDefinitionFile::load(path, &error, maxBytes);
    if (errorContains.isEmpty()) {
        QVERIFY2(definition, qPrintable(error));
        QCOMPARE(definition->toJsonBytes(), bytes);
        return;
    }
    QVERIFY(!definition);
    QVERIFY2(error.contains(errorContains), qPrintable(error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
}

void TestMirroringDefinitionFile::missingAndFolder()
{
    QString error;
    QVERIFY(!MirroringDefinitionFile::load(m_dir.filePath(QStringLiteral("none.json")), &error));
    QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
    QVERIFY(!MirroringDefinitionFile::load(m_dir.path(), &error));
    QVERIFY2(error.contains(QStringLiteral("folder")), qPrintable(error));
}

void TestMirroringDefinitionFile::saveIsAtomicAndExact()
{
    const QByteArray original = "{\n  \"properties\": {\n    \"target\": {\n      \"type\": \"MountedRelationalDatabase\"\n    }\n  }\n}\n";
    const QString path = write(QStringLiteral("two-spaces.json"), original);
    QString error;
    auto definition = MirroringDefinitionFile::load(path, &error);
    QVERIFY2(definition, qPrintable(error));
    definition->setRetentionInDays(3);
    QVERIFY2(MirroringDefinitionFile::save(path, *definition, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    // A two-space file stays a two-space file.
    QCOMPARE(file.readAll(),
             QByteArray("{\n  \"properties\": {\n    \"target\": {\n      \"type\": \"MountedRelationalDatabase\",\n"
                        "      \"typeProperties\": {\n        \"retentionInDays\": 3\n      }\n    }\n  }\n}\n"));
    // No temporary file is left behind.
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("two-spaces*")}, QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("two-spaces.json")});
}

void TestMirroringDefinitionFile::saveFailureIsReported()
{
    QString error;
    const QString inMissingFolder = m_dir.filePath(QStringLiteral("no/such/folder/mirroring.json"));
    QVERIFY(!MirroringDefinitionFile::save(inMissingFolder, MirroringDefinition(), &error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(inMissingFolder)), qPrintable(error));
    QVERIFY(!QFile::exists(inMissingFolder));
}

QTEST_GUILESS_MAIN(TestMirroringDefinitionFile)
#include "tst_mirroringdefinitionfile.moc"
