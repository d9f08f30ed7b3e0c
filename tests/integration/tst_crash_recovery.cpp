// Nothing lost: the console's definition editor runs in a process of its own
// (tst_crash_recovery_helper: the real ConsoleController, DefinitionEditorLauncher and editor,
// signed in to a separately started fabric-sandbox process), holds unsaved changes, and is
// killed with SIGKILL: once after its autosave wrote the draft, once while its updateDefinition
// is in flight (the sandbox never answers it). Started again, the editor offers the draft back,
// and restoring it gives the same mirroring.json byte for byte and the same unsaved fields.
// Killed many times while "typing" (a draft written on every event-loop pass), the draft on disk
// always parses into a whole definition: QSaveFile never leaves a torn file under the draft's name.
// A failed apply keeping the form is tested in tst_editor_sandbox (failedApplyKeepsTheForm).
#include "models/json.h"
#include "models/mirroringdefinition.h"
#include "tests/support/temporaryhome.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

using namespace fmc;
using namespace fmc::test;

namespace {

const QString kDatabase = QStringLiteral("Sales Analytics/SalesMirror"); // demo data: Running

// A child process that answers one line per command.
class Child
{
public:
    explicit Child(QProcess *process) : m_process(process) {}

    //! Waits for a line starting with \a prefix (skipping others); its remainder.
    std::optional<QString> waitFor(const QString &prefix, int timeoutMs = 15000)
    {
        std::optional<QString> found;
        (void)QTest::qWaitFor([&] {
            while (!found && m_process->canReadLine()) {
                const QString line = QString::fromUtf8(m_process->readLine()).trimmed();
                m_seen << line;
                if (line.startsWith(prefix))
                    found = line.mid(prefix.size()).trimmed();
            }
            return found || m_process->state() == QProcess::NotRunning;
        }, timeoutMs);
        return found;
    }
    bool expect(const QString &prefix, int timeoutMs = 15000) { return waitFor(prefix, timeoutMs).has_value(); }
    void send(const QString &line) { m_process->write((line + u'\n').toUtf8()); }
    //! Waits for the sign-in, then opens the editor on kDatabase and waits for its definition.
    bool openEditor()
    {
        if (!expect(QStringLiteral("signed-in")))
            return false;
        send(QStringLiteral("open ") + kDatabase);
        return expect(QStringLiteral("loaded"));
    }
    QString transcript() const { return m_seen.join(QLatin1String(" | ")) + QLatin1String(" | stderr: ")
                                        + QString::fromUtf8(m_process->readAllStandardError().right(2000)); }

private:
    QProcess *m_process;
    QStringList m_seen;
};

std::optional<Json> readJsonFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return parseJson(file.readAll());
}

} // namespace

class TestCrashRecovery : public QObject
{
    Q_OBJECT

    QProcess m_sandbox;
    QUrl m_url;
    QString m_tenant;
    QString m_clientId;
    QString m_secret;
    TemporaryHome m_home;

    QString draftsDirectory() const
    {
        return m_home.filePath(QStringLiteral("data/FabricMirroringConsole/fabric-mirroring-console/drafts"));
    }
    QStringList draftFiles() const
    {
        QStringList files;
        for (const QFileInfo &info : QDir(draftsDirectory()).entryInfoList({QStringLiteral("*.json")}, QDir::Files))
            files << info.absoluteFilePath();
        return files;
    }

    std::vector<std::unique_ptr<QProcess>> m_consoles;

    //! Starts the helper (killed at the end of the test function at the latest).
    QProcess *startConsole()
    {
        QProcess *process = m_consoles.emplace_back(std::make_unique<QProcess>()).get();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        m_home.addTo(environment);
        process->setProcessEnvironment(environment);
        QUrl api = m_url;
        api.setPath(QStringLiteral("/v1"));
        process->start(QStringLiteral(FMC_CRASH_HELPER),
                       {api.toString(), m_url.toString(), m_tenant, m_clientId, m_secret});
        return process;
    }

    //! The state a helper reports for its editor.
    static std::optional<Json> dump(Child &child)
    {
        child.send(QStringLiteral("dump"));
        const std::optional<QString> state = child.waitFor(QStringLiteral("state "));
        if (!state)
            return std::nullopt;
        return parseJson(QByteArray::fromBase64(state->toLatin1()));
    }

    static void kill(QProcess *process)
    {
        QSignalSpy finished(process, &QProcess::finished);
        process->kill(); // SIGKILL: no destructor, no closeEvent, no flush
        QVERIFY(finished.wait(10000));
        QCOMPARE(process->exitStatus(), QProcess::CrashExit);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // The update is the only request that never gets an answer (once): in flight until killed.
        m_sandbox.setProgram(QStringLiteral(FMC_SANDBOX_BIN));
        m_sandbox.setArguments({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--lro"),
                                QStringLiteral("never"), QStringLiteral("--fault"),
                                QStringLiteral("stall,operation=updateDefinition,count=1")});
        m_sandbox.start();
        Child sandbox(&m_sandbox);
        const std::optional<QString> listening = sandbox.waitFor(QStringLiteral("fabric-sandbox listening on "));
        QVERIFY2(listening, qPrintable(sandbox.transcript()));
        m_url = QUrl(*listening);
        m_tenant = sandbox.waitFor(QStringLiteral("tenant ")).value_or(QString());
        m_clientId = sandbox.waitFor(QStringLiteral("client id ")).value_or(QString());
        m_secret = sandbox.waitFor(QStringLiteral("client secret ")).value_or(QString());
        QVERIFY(!m_tenant.isEmpty() && !m_clientId.isEmpty() && !m_secret.isEmpty());
    }

    void cleanupTestCase()
    {
        m_sandbox.kill();
        m_sandbox.waitForFinished(5000);
    }

    void init() { QDir(draftsDirectory()).removeRecursively(); }

    void cleanup()
    {
        for (const auto &process : m_consoles) {
            process->kill();
            process->waitForFinished(5000);
        }
        m_consoles.clear();
    }

    void draftOfferedBackAfterKill_data()
    {
        QTest::addColumn<bool>("applying");
        QTest::addRow("unsaved changes, autosaved") << false;
        QTest::addRow("update in flight") << true;
    }

    void draftOfferedBackAfterKill()
    {
        QFETCH(bool, applying);
        QProcess *first = startConsole();
        Child console(first);
        QVERIFY2(console.openEditor(), qPrintable(console.transcript()));
        const std::optional<Json> loaded = dump(console);
        QVERIFY(loaded);
        const int retention = loaded->value("retention", 0) == 11 ? 12 : 11;
        console.send(QStringLiteral("retention %1").arg(retention));
        QVERIFY(console.expect(QStringLiteral("ok")));
        console.send(QStringLiteral("description unsaved – ünïcode ✓ %1").arg(applying));
        QVERIFY(console.expect(QStringLiteral("ok")));
        const std::optional<Json> edited = dump(console);
        QVERIFY(edited && edited->value("dirty", false));
        const QString draft = toQString(edited->value("draftPath", std::string()));
        QVERIFY(draft.startsWith(draftsDirectory()));
        const std::string definition = edited->value("definition", std::string());
        QVERIFY(definition != loaded->value("definition", std::string()));

        if (applying) {
            // Apply at once, before any autosave could run: the draft must be on disk as soon as
            // the update is under way, or a crash now loses the edit.
            console.send(QStringLiteral("apply"));
            QVERIFY2(console.expect(QStringLiteral("applying")), qPrintable(console.transcript()));
            QVERIFY2(QFile::exists(draft), "no draft while the update is in flight");
        }
        // The draft on disk holds what the form holds (the autosave ran; polled, not slept).
        QTRY_VERIFY_WITH_TIMEOUT(readJsonFile(draft) && readJsonFile(draft)->value("mirroring", std::string()) == definition,
                                 10000);
        kill(first);

        Child restarted(startConsole());
        QVERIFY2(restarted.openEditor(), qPrintable(restarted.transcript()));
        QVERIFY2(restarted.expect(QStringLiteral("draft-offered"), 2000), qPrintable(restarted.transcript()));
        const std::optional<Json> before = dump(restarted);
        QVERIFY(before);
        QCOMPARE(before->value("definition", std::string()), loaded->value("definition", std::string()));
        restarted.send(QStringLiteral("restore"));
        QVERIFY2(restarted.expect(QStringLiteral("restored")), qPrintable(restarted.transcript()));
        const std::optional<Json> restored = dump(restarted);
        QVERIFY(restored);
        QCOMPARE(QByteArray::fromStdString(restored->value("definition", std::string())),
                 QByteArray::fromStdString(definition));
        QCOMPARE(restored->value("retention", 0), retention);
        QCOMPARE(restored->value("description", std::string()), edited->value("description", std::string()));
        QVERIFY(restored->value("dirty", false));
    }

    void draftWrittenWhileTypingWithoutPause()
    {
        // Ten keystrokes a second and never a pause as long as the autosave delay (the product's
        // default): the draft must still reach the disk within about that delay.
        QProcess *process = startConsole();
        Child console(process);
        QVERIFY2(console.openEditor(), qPrintable(console.transcript()));
        const std::optional<Json> state = dump(console);
        QVERIFY(state);
        const QString draft = toQString(state->value("draftPath", std::string()));
        console.send(QStringLiteral("type 100"));
        QVERIFY(console.expect(QStringLiteral("typing")));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(draft), 8000);
        kill(process);

        Child restarted(startConsole());
        QVERIFY2(restarted.openEditor(), qPrintable(restarted.transcript()));
        QVERIFY2(restarted.expect(QStringLiteral("draft-offered"), 2000), qPrintable(restarted.transcript()));
        restarted.send(QStringLiteral("restore"));
        QVERIFY(restarted.expect(QStringLiteral("restored")));
        const std::optional<Json> restored = dump(restarted);
        QVERIFY(restored);
        QVERIFY(toQString(restored->value("description", std::string())).startsWith(QLatin1String("typing ")));
    }

    void tornWriteNeverCorruptsTheDraft_data()
    {
        QTest::addColumn<int>("writes"); // how many edits have reached the disk before the kill
        for (int writes : {1, 5, 20, 60, 150})
            QTest::addRow("killed after %d edits on disk", writes) << writes;
    }

    void tornWriteNeverCorruptsTheDraft()
    {
        QFETCH(int, writes);
        QProcess *process = startConsole();
        Child console(process);
        QVERIFY2(console.openEditor(), qPrintable(console.transcript()));
        // A keystroke every 2 ms and the autosave 0 ms after one: a new draft between keystrokes.
        console.send(QStringLiteral("type 2 0"));
        QVERIFY(console.expect(QStringLiteral("typing")));
        const std::optional<Json> state = dump(console);
        QVERIFY(state);
        const QString draft = toQString(state->value("draftPath", std::string()));
        // Every look at the file while it is rewritten must find a whole draft, too.
        int looks = 0;
        bool torn = false;
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            ++looks;
            if (!QFile::exists(draft))
                return false;
            const std::optional<Json> json = readJsonFile(draft);
            torn = torn || !json;
            return torn || toQString(json->value("description", std::string())).section(u' ', 1).toInt() >= writes;
        }(), 20000);
        QVERIFY2(!torn, "a torn draft was read while typing");
        kill(process);

        const std::optional<Json> json = readJsonFile(draft);
        QVERIFY2(json, "the draft does not parse after the kill");
        QCOMPARE(json->value("format", std::string()), std::string("fmc-definition-draft"));
        QVERIFY(!json->value("mirroring", std::string()).empty());
        QVERIFY(MirroringDefinition::fromJsonBytes(QByteArray::fromStdString(json->value("mirroring", std::string()))));
        QVERIFY(toQString(json->value("description", std::string())).startsWith(QLatin1String("typing ")));
        QVERIFY(looks > 0);
        QCOMPARE(draftFiles(), QStringList{draft});
    }
};

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crash_recovery.moc"
