// The Fabric Git integration folder of a mirrored database, without a server: folder names from
// hostile display names, .platform kept field for field, bad folders refused with a sentence, and
// a folder read, written and read again byte for byte (issue #21, "Files teams keep in Git").
#include "app/gitfolder/gitfolderfiles.h"
#include "models/gitfoldername.h"
#include "models/mirroreddatabasegitfolder.h"
#include "models/platformfile.h"
#include "tests/support/filetree.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;
using namespace fmc::test;

namespace {

const QString kType = QStringLiteral("MirroredDatabase");
const QString kLogicalId = QStringLiteral("8d1f3e2a-4b5c-4d6e-9f70-a1b2c3d4e5f6");
const QString kForeign = QStringLiteral(FMC_TEST_DATA_DIR "/gitfolder/foreign/Sales Orders.MirroredDatabase");

QByteArray mirroringJson()
{
    return R"({"properties":{"source":{"type":"AzureSqlDatabase","typeProperties":{"connection":"3f2b8c1e-5d4a-4e6b-9a7c-0d1e2f3a4b5c","database":"sales"}},"target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta"}}}})";
}

QByteArray platformJson(const QString &name = QStringLiteral("Sales"))
{
    return PlatformFile::create(name, {}, kLogicalId).toBytes();
}

QList<GitFolderFile> validFiles()
{
    return {{QStringLiteral("mirroring.json"), mirroringJson()}, {QStringLiteral(".platform"), platformJson()}};
}

} // namespace

class TestGitFolder : public QObject
{
    Q_OBJECT

private slots:
    void folderName_data()
    {
        QTest::addColumn<QString>("displayName");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("byLogicalId");
        QTest::newRow("plain") << "Sales" << "Sales.MirroredDatabase" << false;
        QTest::newRow("inner spaces and dots") << "Sales v2.1 eu" << "Sales v2.1 eu.MirroredDatabase" << false;
        QTest::newRow("unicode") << "Ventes été ✓" << "Ventes été ✓.MirroredDatabase" << false;
        QTest::newRow("leading space") << " Sales" << "&#32;Sales.MirroredDatabase" << false;
        QTest::newRow("trailing space") << "Sales " << "Sales&#32;.MirroredDatabase" << false;
        QTest::newRow("trailing dot") << "Sales." << "Sales&#46;.MirroredDatabase" << false;
        QTest::newRow("parent traversal") << "../../etc/passwd" << "..&#47;..&#47;etc&#47;passwd.MirroredDatabase" << false;
        QTest::newRow("dot dot") << ".." << ".&#46;.MirroredDatabase" << false;
        QTest::newRow("windows traversal") << "..\\..\\Windows" << "..&#92;..&#92;Windows.MirroredDatabase" << false;
        QTest::newRow("drive") << "C:\\x" << "C&#58;&#92;x.MirroredDatabase" << false;
        QTest::newRow("refused characters") << "a<b>c\"d|e?f*g" << "a&#60;b&#62;c&#34;d&#124;e&#63;f&#42;g.MirroredDatabase" << false;
        QTest::newRow("percent and ampersand") << "100% R&D" << "100&#37; R&#38;D.MirroredDatabase" << false;
        QTest::newRow("control characters") << "a\nb\tc" << "a&#10;b&#9;c.MirroredDatabase" << false;
        QTest::newRow("html number typed by the user") << "a&#47;b" << "a&#38;#47;b.MirroredDatabase" << false;
        QTest::newRow("empty") << "" << "" << true;
        QTest::newRow("device name") << "CON" << "" << true;
        QTest::newRow("device name, any case") << "lpt1" << "" << true;
        QTest::newRow("too long") << QString(300, u'x') << "" << true;
    }
    void folderName()
    {
        QFETCH(QString, displayName);
        QFETCH(QString, expected);
        QFETCH(bool, byLogicalId);
        const QString name = GitFolderName::forItem(displayName, kType, kLogicalId);
        QCOMPARE(name, byLogicalId ? kLogicalId + QStringLiteral(".MirroredDatabase") : expected);
        // Always one safe segment, whatever the name.
        QVERIFY(MirroredDatabaseGitFolder::isSafePath(name));
        QVERIFY(!name.contains(u'/'));
        QVERIFY(name != QLatin1String(".") && name != QLatin1String(".."));
        QTemporaryDir parent;
        QVERIFY(QDir(parent.path()).mkdir(name));
        QCOMPARE(QFileInfo(QDir(parent.path()).filePath(name)).absolutePath(), QFileInfo(parent.path()).absoluteFilePath());
        if (!byLogicalId) // and it reads back as the display name
            QCOMPARE(GitFolderName::displayNameOf(name, kType), displayName);
    }

    void folderNameWithoutUsableLogicalId()
    {
        // A hostile logical ID is not used as a name either.
        QCOMPARE(GitFolderName::forItem(QString(), kType, QStringLiteral("../../x")), QStringLiteral("item.MirroredDatabase"));
    }

    void safePaths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("safe");
        QTest::newRow("file") << "mirroring.json" << true;
        QTest::newRow("dot file") << ".platform" << true;
        QTest::newRow("nested") << "deploy/notes.txt" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("absolute") << "/etc/passwd" << false;
        QTest::newRow("parent") << "../x" << false;
        QTest::newRow("inner parent") << "a/../../x" << false;
        QTest::newRow("dot") << "./x" << false;
        QTest::newRow("backslash") << "a\\b" << false;
        QTest::newRow("drive") << "C:x" << false;
        QTest::newRow("empty segment") << "a//b" << false;
        QTest::newRow("trailing slash") << "a/" << false;
        QTest::newRow("newline") << "a\nb" << false;
        QTest::newRow("nul") << QString::fromUtf8("a\0b", 3) << false;
        QTest::newRow("trailing dot") << "a." << false;
        QTest::newRow("too deep") << "a/b/c/d/e/f/g/h/i" << false;
    }
    void safePaths()
    {
        QFETCH(QString, path);
        QFETCH(bool, safe);
        QCOMPARE(MirroredDatabaseGitFolder::isSafePath(path), safe);
    }

    void platformKeepsWhatItDoesNotKnow()
    {
        QFile file(kForeign + QStringLiteral("/.platform"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        auto platform = PlatformFile::fromBytes(bytes);
        QVERIFY(platform);
        QCOMPARE(platform->type(), kType);
        QCOMPARE(platform->displayName(), QStringLiteral("Sales Orders"));
        QCOMPARE(platform->logicalId(), kLogicalId);
        QCOMPARE(platform->configVersion(), QStringLiteral("2.0"));
        platform->setDisplayName(QStringLiteral("Sales Orders")); // the same value: bytes untouched
        platform->setDescription(platform->description());
        QCOMPARE(platform->toBytes(), bytes);
        platform->setDisplayName(QStringLiteral("Sales Orders EU"));
        const Json changed = *parseJson(platform->toBytes());
        QCOMPARE(changed.at("metadata").at("displayName").get<std::string>(), std::string("Sales Orders EU"));
        QCOMPARE(changed.at("metadata").at("x-exportedBy").get<std::string>(), std::string("another-tool 3.2"));
        QCOMPARE(changed.at("metadata").at("sensitivityLabelId").get<std::string>(), std::string("6b0c7a9e-2f4d-4e1a-9c3b-8d7e6f5a4b3c"));
        QCOMPARE(changed.at("config").at("x-origin").get<std::string>(), std::string("dev"));
        QVERIFY(changed.contains("x-toolState"));
        // Key order stays: $schema, metadata, config, then the tool's own.
        QCOMPARE(changed.begin().key(), std::string("$schema"));
    }

    void badFolders_data()
    {
        QTest::addColumn<QList<GitFolderFile>>("files");
        QTest::addColumn<QString>("error");
        const GitFolderFile mirroring{QStringLiteral("mirroring.json"), mirroringJson()};
        const GitFolderFile platform{QStringLiteral(".platform"), platformJson()};
        QTest::newRow("no mirroring.json") << QList<GitFolderFile>{platform} << "no mirroring.json";
        QTest::newRow("no .platform") << QList<GitFolderFile>{mirroring} << "no .platform";
        QTest::newRow("mirroring.json not JSON") << QList<GitFolderFile>{{mirroring.path, "{\"properties\":"}, platform} << "mirroring.json is not a definition";
        QTest::newRow("mirroring.json a list") << QList<GitFolderFile>{{mirroring.path, "[]"}, platform} << "mirroring.json is not a definition";
        QTest::newRow(".platform not JSON") << QList<GitFolderFile>{mirroring, {platform.path, "{"}} << ".platform is not JSON";
        QTest::newRow(".platform no type") << QList<GitFolderFile>{mirroring, {platform.path, R"({"metadata":{"displayName":"x"}})"}} << "no item type";
        QTest::newRow(".platform no name") << QList<GitFolderFile>{mirroring, {platform.path, R"({"metadata":{"type":"MirroredDatabase"}})"}} << "no display name";
        QTest::newRow(".platform blank name") << QList<GitFolderFile>{mirroring, {platform.path, R"({"metadata":{"type":"MirroredDatabase","displayName":" "}})"}} << "no display name";
        QTest::newRow(".platform of a lakehouse") << QList<GitFolderFile>{mirroring, {platform.path, R"({"metadata":{"type":"Lakehouse","displayName":"x"}})"}} << "describes a Lakehouse";
        QTest::newRow(".platform logicalId a number") << QList<GitFolderFile>{mirroring, {platform.path, R"({"metadata":{"type":"MirroredDatabase","displayName":"x"},"config":{"logicalId":5}})"}} << "config.logicalId must be text";
        QTest::newRow("path traversal") << QList<GitFolderFile>{mirroring, platform, {QStringLiteral("../../.bashrc"), "x"}} << "is not a file name";
        QTest::newRow("absolute path") << QList<GitFolderFile>{mirroring, platform, {QStringLiteral("/tmp/x"), "x"}} << "is not a file name";
        QTest::newRow("twice, other case") << QList<GitFolderFile>{mirroring, platform, {QStringLiteral("a.txt"), "x"}, {QStringLiteral("A.TXT"), "y"}} << "twice";
        QList<GitFolderFile> many{mirroring, platform};
        for (int i = 0; i < MirroredDatabaseGitFolder::MaxFiles; ++i)
            many.append({QStringLiteral("f%1").arg(i), "x"});
        QTest::newRow("too many files") << many << "files";
    }
    void badFolders()
    {
        QFETCH(QList<GitFolderFile>, files);
        QFETCH(QString, error);
        QString why;
        QVERIFY(!MirroredDatabaseGitFolder::fromFiles(files, &why));
        QVERIFY2(why.contains(error), qPrintable(why));
        QVERIFY(why.endsWith(u'.') || why.contains(u':'));
    }

    void badDefinitions_data()
    {
        QTest::addColumn<QByteArray>("definition");
        QTest::addColumn<QString>("error");
        const QByteArray m = mirroringJson().toBase64();
        QTest::newRow("payload not Base64") << QByteArray(R"({"parts":[{"path":"mirroring.json","payload":"@@@","payloadType":"InlineBase64"}]})") << "not valid Base64";
        QTest::newRow("part climbs out") << QByteArray(R"({"parts":[{"path":"mirroring.json","payload":")" + m + R"(","payloadType":"InlineBase64"},{"path":"../../evil","payload":"eA==","payloadType":"InlineBase64"}]})") << "is not a file name";
    }
    void badDefinitions()
    {
        QFETCH(QByteArray, definition);
        QFETCH(QString, error);
        // Refused where it is read (ItemDefinition) or where it becomes files (the folder).
        QString why;
        const auto parsed = ItemDefinition::fromJson(*parseJson(definition), &why);
        QVERIFY(!parsed || !MirroredDatabaseGitFolder::fromDefinition(*parsed, QStringLiteral("x"), {}, &why));
        QVERIFY2(why.contains(error), qPrintable(why));
    }

    void definitionWithoutPlatformGetsOne()
    {
        const auto definition = ItemDefinition::fromMirroringDefinition(*MirroringDefinition::fromJsonBytes(mirroringJson()));
        const auto folder = MirroredDatabaseGitFolder::fromDefinition(definition, QStringLiteral("Sales"), QStringLiteral("d"));
        QVERIFY(folder);
        QCOMPARE(folder->displayName(), QStringLiteral("Sales"));
        QCOMPARE(folder->platform().description(), QStringLiteral("d"));
        QCOMPARE(folder->mirroringJson(), mirroringJson());
        // What goes back to the service: mirroring.json byte for byte, .platform when asked.
        const ItemDefinition sent = folder->toDefinition(true);
        QCOMPARE(sent.parts().size(), 2);
        QCOMPARE(*sent.part(QStringLiteral("mirroring.json"))->decodedPayload(), mirroringJson());
        QCOMPARE(folder->toDefinition(false).parts().size(), 1);
    }

    void foreignFolderRoundTrip()
    {
        // Read a folder another tool wrote, write it elsewhere, read it again: every file the same.
        QString error;
        const auto folder = GitFolderFiles::read(kForeign, &error);
        QVERIFY2(folder, qPrintable(error));
        QCOMPARE(folder->displayName(), QStringLiteral("Sales Orders"));
        QCOMPARE(folder->otherFiles(), QStringList({QStringLiteral("README.md"), QStringLiteral("deploy/notes.txt")}));
        QTemporaryDir parent;
        const QString written = GitFolderFiles::write(parent.path(), *folder, &error);
        QVERIFY2(!written.isEmpty(), qPrintable(error));
        QCOMPARE(QFileInfo(written).fileName(), QStringLiteral("Sales Orders.MirroredDatabase"));
        QCOMPARE(filesUnder(written), filesUnder(kForeign));
        const auto again = GitFolderFiles::read(written, &error);
        QVERIFY(again);
        QCOMPARE(again->files(), folder->files());
    }

    void exportOverAFolderKeepsItsIdentity()
    {
        // The folder is in Git with its logical ID and a file of the team's; the item was renamed
        // in Fabric since. Exporting again updates the folder in place and keeps both.
        QTemporaryDir parent;
        const QString existing = QDir(parent.path()).filePath(QStringLiteral("Sales.MirroredDatabase"));
        QVERIFY(writeFile(existing + QStringLiteral("/.platform"), platformJson()));
        QVERIFY(writeFile(existing + QStringLiteral("/mirroring.json"), "{}"));
        QVERIFY(writeFile(existing + QStringLiteral("/OWNERS"), "sales-team\n"));
        PlatformFile fromService = PlatformFile::create(QStringLiteral("Sales Renamed"), QStringLiteral("new"), kLogicalId);
        auto folder = MirroredDatabaseGitFolder::fromFiles({{QStringLiteral("mirroring.json"), mirroringJson()},
                                                            {QStringLiteral(".platform"), fromService.toBytes()}});
        QVERIFY(folder);
        QString error;
        QCOMPARE(GitFolderFiles::write(parent.path(), *folder, &error), QFileInfo(existing).absoluteFilePath());
        const auto files = filesUnder(existing);
        QCOMPARE(files.value(QStringLiteral("mirroring.json")), mirroringJson());
        QCOMPARE(files.value(QStringLiteral("OWNERS")), QByteArray("sales-team\n"));
        const auto platform = PlatformFile::fromBytes(files.value(QStringLiteral(".platform")));
        QCOMPARE(platform->displayName(), QStringLiteral("Sales Renamed"));
        QCOMPARE(platform->logicalId(), kLogicalId);
        QCOMPARE(QDir(parent.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
    }

    void exportAssignsALogicalIdAndAvoidsAnotherItemsFolder()
    {
        QTemporaryDir parent;
        // "Sales.MirroredDatabase" already holds another item (another logical ID).
        const QString other = QDir(parent.path()).filePath(QStringLiteral("Sales.MirroredDatabase"));
        const QByteArray otherPlatform = PlatformFile::create(QStringLiteral("Sales"), {}, QStringLiteral("11111111-2222-4333-8444-555555555555")).toBytes();
        QVERIFY(writeFile(other + QStringLiteral("/.platform"), otherPlatform));
        auto folder = MirroredDatabaseGitFolder::fromFiles(validFiles());
        QString error;
        const QString written = GitFolderFiles::write(parent.path(), *folder, &error);
        QCOMPARE(QFileInfo(written).fileName(), kLogicalId + QStringLiteral(".MirroredDatabase"));
        QCOMPARE(filesUnder(other).value(QStringLiteral(".platform")), otherPlatform);
        // The service gave no logical ID (the zero GUID): a new folder gets a fresh one.
        auto unassigned = MirroredDatabaseGitFolder::fromFiles({{QStringLiteral("mirroring.json"), mirroringJson()},
                                                                {QStringLiteral(".platform"), PlatformFile::create(QStringLiteral("Fresh"), {}, QStringLiteral("00000000-0000-0000-0000-000000000000")).toBytes()}});
        const QString fresh = GitFolderFiles::write(parent.path(), *unassigned, &error);
        const auto platform = PlatformFile::fromBytes(filesUnder(fresh).value(QStringLiteral(".platform")));
        QVERIFY(!PlatformFile::isUnassigned(platform->logicalId()));
    }

    void hostileNameStaysInside()
    {
        QTemporaryDir parent;
        const QString root = QFileInfo(parent.path()).absoluteFilePath();
        for (const QString &name : {QStringLiteral("../../escape"), QStringLiteral(".."), QStringLiteral("/etc"), QStringLiteral("a/../../b")}) {
            auto folder = MirroredDatabaseGitFolder::fromFiles({{QStringLiteral("mirroring.json"), mirroringJson()},
                                                                {QStringLiteral(".platform"), platformJson(name)}});
            QVERIFY(folder);
            QString error;
            const QString written = GitFolderFiles::write(parent.path(), *folder, &error);
            QVERIFY2(!written.isEmpty(), qPrintable(error));
            QCOMPARE(QFileInfo(written).absolutePath(), root);
            QDir(written).removeRecursively();
        }
        QVERIFY(QDir(root).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }

    void unreadableFolders()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!GitFolderFiles::read(dir.filePath(QStringLiteral("missing")), &error));
        QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
        QVERIFY(!GitFolderFiles::read(dir.path(), &error)); // empty
        QVERIFY2(error.contains(QStringLiteral("no mirroring.json")), qPrintable(error));
        // A link out of the folder is refused, not followed.
        QVERIFY(writeFile(dir.filePath(QStringLiteral("mirroring.json")), mirroringJson()));
        QVERIFY(writeFile(dir.filePath(QStringLiteral(".platform")), platformJson()));
        QVERIFY(GitFolderFiles::read(dir.path(), &error));
        QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), dir.filePath(QStringLiteral("passwd"))));
        QVERIFY(!GitFolderFiles::read(dir.path(), &error));
        QVERIFY2(error.contains(QStringLiteral("is a link")), qPrintable(error));
        QFile::remove(dir.filePath(QStringLiteral("passwd")));
        // A file too large to be part of an item folder.
        QVERIFY(writeFile(dir.filePath(QStringLiteral("big.bin")), QByteArray(GitFolderFiles::MaxFileBytes + 1, 'x')));
        QVERIFY(!GitFolderFiles::read(dir.path(), &error));
        QVERIFY2(error.contains(QStringLiteral("larger than")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestGitFolder)
#include "tst_gitfolder.moc"
