// The definition editor end to end: the real editor window, opened by DefinitionEditorLauncher,
// driven with the mouse and keyboard, talking to fabric-sandbox in-process over loopback through
// the real FabricClient and a signed-in TokenSession. What the sandbox stored is checked, both in
// its state and by reading the definition back through the API (Base64 decoded).
// The sandbox runs at 100× and the client at 1/100, so provisioning, starting and long-running
// operations take milliseconds.
#include "app/api/fabricclient.h"
#include "app/api/fabricrequests.h"
#include "app/auth/clientsecretcredential.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/editor/definitioneditorservice.h"
#include "app/editor/draftstore.h"
#include "models/definitioneditorbackend.h"
#include "models/tableselectionmodel.h"
#include "sandbox/entra/entraemulator.h"
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"
#include "ui/editor/definitioneditor.h"
#include "ui/editor/definitioneditorlauncher.h"
#include "tests/support/definitionfixtures.h"
#include "tests/support/editorinput.h"
#include "tests/support/temporarydrafts.h"

#include <nlohmann/json.hpp>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fmc;
using namespace fmc::test;
using fmc::sandbox::FaultRule;
using fmc::sandbox::LroMode;
using fmc::sandbox::Sandbox;
using fmc::sandbox::SandboxOptions;
using Edits = QList<QPair<QString, QString>>;

namespace {

SandboxOptions fastOptions()
{
    SandboxOptions options;
    options.speed = 100;
    options.pageSize = 2; // connections and tables status come in several pages
    options.lroMode = LroMode::Always;
    return options;
}

// JSON compared by value (key order aside), for the definition the sandbox stored.
nlohmann::json plain(const QByteArray &bytes)
{
    return nlohmann::json::parse(bytes.toStdString());
}

// Picks a connection from the list with the keyboard.
void chooseConnection(QWidget *editor, const QString &displayName)
{
    auto *combo = child<QComboBox>(editor, "connection");
    const int target = combo->findText(displayName, Qt::MatchStartsWith);
    QVERIFY2(target >= 0, qPrintable(displayName));
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    while (combo->currentIndex() < target)
        QTest::keyClick(combo, Qt::Key_Down);
    while (combo->currentIndex() > target)
        QTest::keyClick(combo, Qt::Key_Up);
}

void confirmDiff(QWidget *editor)
{
    QDialog *diff = nullptr;
    QTRY_VERIFY((diff = editor->findChild<QDialog *>(QStringLiteral("diffDialog"))) && diff->isVisible());
    click(child<QPushButton>(diff, "confirmApply"));
}

} // namespace

class TestEditorSandbox : public QObject
{
    Q_OBJECT
private:
    TemporaryDrafts m_drafts;
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<TokenSession> m_session;
    std::unique_ptr<FabricClient> m_client;
    QPointer<DefinitionEditor> m_editor;

    // A signed-in client against a fresh sandbox.
    bool start(const SandboxOptions &options = fastOptions())
    {
        m_sandbox = std::make_unique<Sandbox>(options);
        if (!m_sandbox->listen())
            return false;
        m_secrets = std::make_unique<SecretStore>();
        m_secrets->setKeychainEnabled(false);
        m_session = std::make_unique<TokenSession>(m_secrets.get());
        AuthConfig auth;
        auth.authority = m_sandbox->serverUrl();
        auth.tenant = m_sandbox->entra()->tenantId();
        auth.clientId = sandbox::EntraEmulator::defaultClientId();
        m_session->setCredential(new ClientSecretCredential(auth, sandbox::EntraEmulator::defaultClientSecret()));
        m_session->signIn();
        if (!QTest::qWaitFor([this] { return m_session->state() == TokenSession::State::SignedIn; }, 10000))
            return false;
        FabricClient::Config config;
        QUrl api = m_sandbox->serverUrl();
        api.setPath(QStringLiteral("/v1"));
        config.apiBaseUrl = api;
        config.timeScale = 0.01;
        config.seed = 1;
        m_client = std::make_unique<FabricClient>(config, m_session.get());
        return true;
    }

    QString workspace(const QString &name) const
    {
        for (const auto &ws : m_sandbox->state()->workspaces())
            if (ws.displayName == name)
                return ws.id;
        return {};
    }

    sandbox::FabricState::Mirror *mirrorNamed(const QString &workspaceId, const QString &name) const
    {
        for (auto *mirror : m_sandbox->state()->mirrors(workspaceId))
            if (mirror->displayName == name)
                return mirror;
        return nullptr;
    }

    QString statusOf(const QString &workspaceId, const QString &id) const
    {
        auto *mirror = m_sandbox->state()->mirror(workspaceId, id);
        if (!mirror)
            return {};
        m_sandbox->state()->settle(mirror);
        return mirror->status;
    }

    QString connectionId(const QString &name) const
    {
        for (const auto &connection : m_sandbox->state()->connections())
            if (connection.displayName == name)
                return connection.id;
        return {};
    }

    // Runs one request through the client and waits for its result.
    template <typename R>
    ApiResult<typename R::Value> run(R *request)
    {
        auto result = std::make_shared<std::optional<ApiResult<typename R::Value>>>();
        QObject context;
        m_client->send(request, &context, [result](const ApiResult<typename R::Value> &r) { *result = r; });
        if (!QTest::qWaitFor([&] { return result->has_value(); }, 10000))
            return {{}, ApiError(ApiError::Kind::Timeout, QStringLiteral("test timeout"))};
        return **result;
    }

    // The mirroring.json the API returns now, Base64-decoded from getDefinition's part.
    QByteArray definitionThroughTheApi(const QString &workspaceId, const QString &id)
    {
        const auto result = run(new GetMirroredDatabaseDefinitionRequest(workspaceId, id));
        if (!result.ok())
            return {};
        const auto part = result.value.part(QString::fromLatin1(ItemDefinition::MirroringPartPath));
        return part ? part->decodedPayload().value_or(QByteArray()) : QByteArray();
    }

    QStringList tablesStatus(const QString &workspaceId, const QString &id)
    {
        QStringList tables;
        const auto result = run(new GetTablesMirroringStatusRequest(workspaceId, id));
        for (const TableMirroringStatus &table : result.value)
            tables << table.sourceSchemaName + u'.' + table.sourceTableName;
        return tables;
    }

    bool clientIdle() const { return m_client->findChildren<ApiRequest *>().isEmpty(); }

    QString statusText() const { return child<QLabel>(m_editor, "statusMessage")->text(); }

    // Opens the editor on a database and waits until its definition is in the form.
    void openLoaded(const QString &workspaceId, const QString &id)
    {
        m_editor = DefinitionEditorLauncher::openEdit(m_client.get(), workspaceId, id);
        QVERIFY(QTest::qWaitForWindowExposed(m_editor));
        QTRY_VERIFY_WITH_TIMEOUT(!m_editor->isLoading(), 10000);
        QVERIFY2(child<QPushButton>(m_editor, "apply")->isVisible(), qPrintable(statusText()));
        QVERIFY2(!m_editor->backend()->previewJson().isEmpty(), qPrintable(statusText()));
    }

    void setRetention(int days)
    {
        auto *retention = child<QSpinBox>(m_editor, "retention");
        QVERIFY(retention->isEnabled());
        typeInto(retention, QString::number(days));
        QCOMPARE(m_editor->backend()->retentionInDays(), days);
    }

private slots:
    void initTestCase() { QVERIFY(m_drafts.isValid()); }

    void cleanup()
    {
        delete m_editor;
        m_client.reset();
        m_session.reset();
        m_secrets.reset();
        m_sandbox.reset();
        m_drafts.clear();
    }

    void connectionsFromTheSandbox()
    {
        QVERIFY(start());
        m_editor = DefinitionEditorLauncher::openCreate(m_client.get(), workspace(QStringLiteral("Sales Analytics")));
        QVERIFY(QTest::qWaitForWindowExposed(m_editor));
        QVERIFY(m_editor->testAttribute(Qt::WA_DeleteOnClose));
        QVERIFY(!m_editor->isModal());
        auto *combo = child<QComboBox>(m_editor, "connection");
        const auto &connections = m_sandbox->state()->connections();
        QVERIFY(connections.size() > 2); // more than one page of 2
        QTRY_COMPARE(combo->count(), int(connections.size()));
        for (const auto &connection : connections) {
            const int index = combo->findData(connection.id);
            QVERIFY2(index >= 0, qPrintable(connection.displayName));
            QCOMPARE(combo->itemText(index), QStringLiteral("%1 (%2): %3").arg(connection.displayName, connection.type,
                                                                               connection.path));
        }
        const auto log = m_sandbox->requestLog();
        QVERIFY(std::count_if(log.begin(), log.end(), [](const auto &e) { return e.pathAndQuery.startsWith(u"/v1/connections"); }) >= 2);
    }

    void createWithSelectedTables_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("connection");
        QTest::addColumn<Edits>("edits");
        QTest::addColumn<QStringList>("tables");
        QTest::addColumn<QByteArray>("expected"); // <connection> stands for the picked connection's id
        QTest::addRow("Azure SQL, selected tables")
            << "AzureSqlDatabase" << "contoso-sales (Azure SQL)" << Edits{{"database", "sales"}, {"defaultSchema", "dbo"}}
            << QStringList{"dbo.orders", "sales.customers"}
            << QByteArray(R"({"properties":{"source":{"type":"AzureSqlDatabase","typeProperties":{"connection":"<connection>","database":"sales"}},
                 "target":{"type":"MountedRelationalDatabase","typeProperties":{"defaultSchema":"dbo","format":"Delta"}},
                 "mountedTables":[{"source":{"typeProperties":{"schemaName":"dbo","tableName":"orders"}}},
                                  {"source":{"typeProperties":{"schemaName":"sales","tableName":"customers"}}}]}})");
        QTest::addRow("Snowflake, all data, retention 3")
            << "Snowflake" << "snowflake-prod" << Edits{{"database", "ANALYTICS"}, {"retention", "3"}} << QStringList{}
            << QByteArray(R"({"properties":{"source":{"type":"Snowflake","typeProperties":{"connection":"<connection>","database":"ANALYTICS"}},
                 "target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta","retentionInDays":3}}}})");
        QTest::addRow("open mirroring, one table, no connection")
            << "GenericMirror" << "" << Edits{} << QStringList{"landing.sensors"}
            << QByteArray(R"({"properties":{"source":{"type":"GenericMirror","typeProperties":{}},
                 "target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta"}},
                 "mountedTables":[{"source":{"typeProperties":{"schemaName":"landing","tableName":"sensors"}}}]}})");
    }

    void createWithSelectedTables()
    {
        QFETCH(QString, type);
        QFETCH(QString, connection);
        QFETCH(Edits, edits);
        QFETCH(QStringList, tables);
        QFETCH(QByteArray, expected);
        QVERIFY(start());
        const QString ws = workspace(QStringLiteral("Sales Analytics"));
        const qsizetype mirrorsBefore = m_sandbox->state()->mirrors(ws).size();
        m_editor = DefinitionEditorLauncher::openCreate(m_client.get(), ws);
        QVERIFY(QTest::qWaitForWindowExposed(m_editor));
        QSignalSpy saved(m_editor.data(), &DefinitionEditor::databaseSaved);

        QTest::keyClicks(child<QLineEdit>(m_editor, "name"), QStringLiteral("Created by the editor"));
        QTest::keyClicks(child<QLineEdit>(m_editor, "description"), QStringLiteral("end-to-end test"));
        chooseSourceType(m_editor, type);
        if (!connection.isEmpty()) {
            QTRY_VERIFY(child<QComboBox>(m_editor, "connection")->count() > 0);
            chooseConnection(m_editor, connection);
            QCOMPARE(m_editor->backend()->connection(), connectionId(connection));
        }
        for (const auto &[field, text] : edits)
            typeInto(editorField(m_editor, field), text);
        addTables(m_editor, tables);
        const QByteArray shown = child<QPlainTextEdit>(m_editor, "previewJson")->toPlainText().toUtf8();

        click(child<QPushButton>(m_editor, "apply"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
        QCOMPARE(saved.at(0).at(0).toString(), ws);
        QCOMPARE(saved.at(0).at(2).toBool(), true);
        const QString id = saved.at(0).at(1).toString();
        QTRY_VERIFY(!m_editor); // a created database's editor closes (and deletes itself)

        // Exactly one mirrored database, with exactly the definition the preview showed.
        QCOMPARE(m_sandbox->state()->mirrors(ws).size(), mirrorsBefore + 1);
        auto *mirror = m_sandbox->state()->mirror(ws, id);
        QVERIFY(mirror);
        QCOMPARE(mirror->displayName, QStringLiteral("Created by the editor"));
        QCOMPARE(mirror->description, QStringLiteral("end-to-end test"));
        QCOMPARE(mirror->mirroringJson, shown);
        expected.replace("<connection>", connectionId(connection).toUtf8());
        const nlohmann::json stored = plain(definitionThroughTheApi(ws, id));
        QVERIFY2(stored == plain(expected), stored.dump().c_str());
        const auto log = m_sandbox->requestLog();
        QCOMPARE(std::count_if(log.begin(), log.end(),
                               [](const auto &e) { return e.method == "POST" && e.pathAndQuery.endsWith(u"/mirroredDatabases"); }),
                 1);
    }

    void editTheTableListWhileRunning()
    {
        QVERIFY(start());
        const QString ws = workspace(QStringLiteral("Sales Analytics"));
        const QString connection = connectionId(QStringLiteral("contoso-sales (Azure SQL)"));
        // Created through the form, as in createWithSelectedTables.
        m_editor = DefinitionEditorLauncher::openCreate(m_client.get(), ws);
        QVERIFY(QTest::qWaitForWindowExposed(m_editor));
        QSignalSpy created(m_editor.data(), &DefinitionEditor::databaseSaved);
        QTest::keyClicks(child<QLineEdit>(m_editor, "name"), QStringLiteral("Orders mirror"));
        chooseSourceType(m_editor, QStringLiteral("AzureSqlDatabase"));
        typeInto(editorField(m_editor, QStringLiteral("connection")), connection);
        typeInto(editorField(m_editor, QStringLiteral("database")), QStringLiteral("sales"));
        typeInto(editorField(m_editor, QStringLiteral("defaultSchema")), QStringLiteral("dbo"));
        addTables(m_editor, {QStringLiteral("dbo.orders"), QStringLiteral("dbo.customers")});
        click(child<QPushButton>(m_editor, "apply"));
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 10000);
        const QString id = created.at(0).at(1).toString();

        // Start mirroring (the console's other windows do this; here the API directly).
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(ws, id), QStringLiteral("Initialized"), 10000);
        QVERIFY(run(new StartMirroringRequest(ws, id)).ok());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(ws, id), QStringLiteral("Running"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(tablesStatus(ws, id).size(), 2, 10000);

        openLoaded(ws, id);
        if (QTest::currentTestFailed())
            return;
        // Running: the source cannot change, and the form says why.
        QCOMPARE(m_editor->backend()->mirroringStatus(), QStringLiteral("Running"));
        QVERIFY(!child<QComboBox>(m_editor, "connection")->isEnabled());
        QVERIFY(!child<QLineEdit>(m_editor, "database")->isEnabled());
        QVERIFY(!child<QLineEdit>(m_editor, "defaultSchema")->isEnabled());
        auto *lockReason = child<QLabel>(m_editor, "lockReason");
        QVERIFY(lockReason->isVisible());
        QVERIFY2(lockReason->text().contains(QStringLiteral("Running")), qPrintable(lockReason->text()));
        QCOMPARE(m_editor->backend()->tables()->checkedCount(), 2);

        QSignalSpy updated(m_editor.data(), &DefinitionEditor::databaseSaved);
        addTables(m_editor, {QStringLiteral("sales.returns")});
        click(child<QPushButton>(m_editor, "apply"));
        confirmDiff(m_editor);
        QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, 10000);
        QCOMPARE(updated.at(0).at(1).toString(), id);
        QCOMPARE(updated.at(0).at(2).toBool(), false);
        QVERIFY(!m_editor->backend()->isDirty());
        QVERIFY(!m_editor->isApplying());

        QTRY_VERIFY_WITH_TIMEOUT(tablesStatus(ws, id).contains(QStringLiteral("sales.returns")), 10000);
        QCOMPARE(tablesStatus(ws, id).size(), 3);
        QCOMPARE(m_sandbox->state()->mirror(ws, id)->mirroringJson, m_editor->backend()->previewJson().toUtf8());
    }

    void addTheTablesItAlreadyMirrors()
    {
        QVERIFY(start());
        const QString ws = workspace(QStringLiteral("Sales Analytics"));
        auto *mirror = mirrorNamed(ws, QStringLiteral("SalesMirror")); // Running, mirrors all data
        QVERIFY(mirror);
        const QStringList mirrored = tablesStatus(ws, mirror->id);
        QVERIFY(mirrored.size() > 10); // many pages of 2
        openLoaded(ws, mirror->id);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(m_editor->backend()->mirrorAll());
        click(child<QPushButton>(m_editor, "addMirroredTables"));
        QTRY_COMPARE_WITH_TIMEOUT(m_editor->backend()->tables()->checkedCount(), int(mirrored.size()), 10000);
        QVERIFY(!m_editor->backend()->mirrorAll());
        QStringList listed;
        for (const MountedTable &table : m_editor->backend()->definition().mountedTables())
            listed << table.schemaName + u'.' + table.tableName;
        QCOMPARE(listed, mirrored);
    }

    void failedApplyKeepsTheForm_data()
    {
        QTest::addColumn<bool>("create");
        QTest::addColumn<QString>("operation");    // fault on this operation; empty: none
        QTest::addColumn<int>("kind");             // FaultRule::Kind
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorCode");
        QTest::addRow("update: 400 from the service")
            << false << "updateDefinition" << int(FaultRule::Kind::Status) << 400 << "InvalidRequest";
        QTest::addRow("update: 500 (not re-sent: it arrived)")
            << false << "updateDefinition" << int(FaultRule::Kind::Status) << 500 << "InternalServerError";
        QTest::addRow("update: the operation fails")
            << false << "updateDefinition" << int(FaultRule::Kind::FailOperation) << 0 << "OperationFailed";
        QTest::addRow("create: the name is taken") << true << "" << 0 << 0 << "ItemDisplayNameAlreadyInUse";
        QTest::addRow("create: 503") << true << "Items_CreateMirroredDatabase" << int(FaultRule::Kind::Status) << 503
                                     << "ServiceUnavailable";
    }

    void failedApplyKeepsTheForm()
    {
        QFETCH(bool, create);
        QFETCH(QString, operation);
        QFETCH(int, kind);
        QFETCH(int, status);
        QFETCH(QString, errorCode);
        QVERIFY(start());
        const QString ws = workspace(QStringLiteral("Sales Analytics"));
        auto *mirror = mirrorNamed(ws, QStringLiteral("SalesMirror"));
        QVERIFY(mirror);
        const QByteArray storedBefore = mirror->mirroringJson;
        const qsizetype mirrorsBefore = m_sandbox->state()->mirrors(ws).size();
        if (create) {
            m_editor = DefinitionEditorLauncher::openCreate(m_client.get(), ws);
            QVERIFY(QTest::qWaitForWindowExposed(m_editor));
            QTest::keyClicks(child<QLineEdit>(m_editor, "name"), QStringLiteral("SalesMirror"));
            chooseSourceType(m_editor, QStringLiteral("GenericMirror"));
        } else {
            openLoaded(ws, mirror->id);
            if (QTest::currentTestFailed())
                return;
            setRetention(9);
        }
        if (!operation.isEmpty()) {
            FaultRule rule;
            rule.kind = FaultRule::Kind(kind);
            rule.operation = operation;
            rule.status = status;
            rule.errorCode = errorCode;
            m_sandbox->addFault(rule);
        }
        const QByteArray shown = m_editor->backend()->previewJson().toUtf8();
        QSignalSpy saved(m_editor.data(), &DefinitionEditor::databaseSaved);

        click(child<QPushButton>(m_editor, "apply"));
        if (!create)
            confirmDiff(m_editor);
        QTRY_VERIFY_WITH_TIMEOUT(!m_editor->isApplying(), 10000);

        // Nothing changed on the service, and nothing in the form: the user can fix and retry.
        QCOMPARE(saved.count(), 0);
        QVERIFY(m_editor && m_editor->isVisible());
        QCOMPARE(m_editor->backend()->previewJson().toUtf8(), shown);
        QVERIFY(m_editor->backend()->isDirty());
        QVERIFY(QFile::exists(m_editor->drafts()->path()));
        QVERIFY(child<QPushButton>(m_editor, "apply")->isEnabled());
        QCOMPARE(m_sandbox->state()->mirrors(ws).size(), mirrorsBefore);
        if (operation.isEmpty() || kind == int(FaultRule::Kind::Status))
            QCOMPARE(mirror->mirroringJson, storedBefore);

        // The message names the error code and the request id the sandbox answered with (for a
        // failed operation: the operation's id, which is what its state carries).
        const QString message = statusText();
        QVERIFY2(message.contains(errorCode), qPrintable(message));
        QString reference;
        for (const auto &entry : m_sandbox->requestLog()) {
            const QString operationId = entry.pathAndQuery.section(u'/', 3, 3);
            if (!entry.requestId.isEmpty() && message.contains(QStringLiteral("request id ") + entry.requestId))
                reference = entry.requestId;
            else if (kind == int(FaultRule::Kind::FailOperation) && entry.pathAndQuery.startsWith(u"/v1/operations/")
                     && message.contains(QStringLiteral("operation ") + operationId))
                reference = operationId;
        }
        QVERIFY2(!reference.isEmpty(), qPrintable(message));
        // A create is never sent twice.
        const auto log = m_sandbox->requestLog();
        QCOMPARE(std::count_if(log.begin(), log.end(),
                               [](const auto &e) { return e.method == "POST" && e.pathAndQuery.endsWith(u"/mirroredDatabases"); }),
                 create ? 1 : 0);
    }

    void cancelASlowUpdate()
    {
        SandboxOptions options = fastOptions();
        options.lroMode = LroMode::Never;     // the definition loads at once...
        options.lroDurationMs = 3'600'000;    // ...and the update runs for an hour
        QVERIFY(start(options));
        const QString ws = workspace(QStringLiteral("Sales Analytics"));
        auto *mirror = mirrorNamed(ws, QStringLiteral("SalesMirror"));
        openLoaded(ws, mirror->id);
        if (QTest::currentTestFailed())
            return;
        m_sandbox->setLroMode(LroMode::Always);
        setRetention(12);
        click(child<QPushButton>(m_editor, "apply"));
        confirmDiff(m_editor);

        auto *progress = child<QProgressBar>(m_editor, "applyProgress");
        auto *cancel = child<QPushButton>(m_editor, "cancelApply");
        QVERIFY(m_editor->isApplying());
        // The operation runs: it has been polled at least once.
        const auto polled = [this] {
            const auto log = m_sandbox->requestLog();
            return std::any_of(log.begin(), log.end(), [](const auto &e) { return e.pathAndQuery.startsWith(u"/v1/operations/"); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(polled(), 10000);
        QVERIFY(progress->isVisible());
        QVERIFY(!child<QPushButton>(m_editor, "apply")->isEnabled());
        click(cancel);

        QVERIFY(!m_editor->isApplying());
        QVERIFY2(statusText().contains(QStringLiteral("Cancelled")), qPrintable(statusText()));
        QVERIFY(!progress->isVisible());
        // No request is left running: nothing polls the operation any more.
        QTRY_VERIFY(clientIdle());
        // The edit is still there to apply again.
        QCOMPARE(m_editor->backend()->retentionInDays(), 12);
        QVERIFY(m_editor->backend()->isDirty());
        QVERIFY(child<QPushButton>(m_editor, "apply")->isEnabled());
    }

    void cancelASlowLoad()
    {
        SandboxOptions options = fastOptions();
        options.lroDurationMs = 3'600'000; // getDefinition runs for an hour
        QVERIFY(start(options));
        const QString ws = workspace(QStringLiteral("Sales Analytics"));
        auto *mirror = mirrorNamed(ws, QStringLiteral("SalesMirror"));
        m_editor = DefinitionEditorLauncher::openEdit(m_client.get(), ws, mirror->id);
        QVERIFY(QTest::qWaitForWindowExposed(m_editor));
        QVERIFY(m_editor->isLoading());
        auto *progress = child<QProgressBar>(m_editor, "applyProgress");
        auto *cancel = child<QPushButton>(m_editor, "cancelApply");
        QVERIFY(progress->isVisible());
        QVERIFY(!child<QLineEdit>(m_editor, "defaultSchema")->isEnabled());
        QVERIFY(!child<QPushButton>(m_editor, "apply")->isEnabled());
        // The window answers while the operation runs: the status line follows the operation.
        QTRY_VERIFY_WITH_TIMEOUT(statusText().contains(QStringLiteral("preparing")), 10000);
        click(cancel);
        QVERIFY(!m_editor->isLoading());
        QVERIFY2(statusText().contains(QStringLiteral("cancelled")), qPrintable(statusText()));
        QVERIFY(!progress->isVisible());
        QVERIFY(!child<QPushButton>(m_editor, "apply")->isEnabled()); // nothing loaded, nothing to apply
        QTRY_VERIFY(clientIdle());
    }

    void unknownFieldsSurviveARetentionEdit()
    {
        QVERIFY(start());
        const QString ws = workspace(QStringLiteral("Sales Analytics"));
        Json body = itemBody(withUnknowns);
        body["definition"]["parts"].erase(1); // the fixture's .platform is a placeholder, not JSON
        const auto definition = ItemDefinition::fromJson(body);
        QVERIFY(definition);
        const auto made = run(new CreateMirroredDatabaseRequest(ws, QStringLiteral("Keeps unknowns"), *definition));
        QVERIFY2(made.ok(), qPrintable(made.error.toLogString()));
        const QString id = made.value.id;
        QCOMPARE(definitionThroughTheApi(ws, id), withUnknowns);

        openLoaded(ws, id);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m_editor->backend()->previewJson().toUtf8(), withUnknowns);
        QSignalSpy updated(m_editor.data(), &DefinitionEditor::databaseSaved);
        setRetention(14);
        click(child<QPushButton>(m_editor, "apply"));
        confirmDiff(m_editor);
        QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, 10000);

        QByteArray expected = withUnknowns;
        expected.replace("\"retentionInDays\": 7", "\"retentionInDays\": 14");
        QCOMPARE(definitionThroughTheApi(ws, id), expected);
    }

    void screenshotsWithSandboxData()
    {
        // FMC_SCREENSHOT_DIR=docs/screenshots keeps the pictures (README, metainfo); otherwise
        // they go to a temporary folder.
        QTemporaryDir temporary;
        const QString directory = qEnvironmentVariableIsSet("FMC_SCREENSHOT_DIR")
            ? qEnvironmentVariable("FMC_SCREENSHOT_DIR")
            : temporary.path();
        QVERIFY(QDir().mkpath(directory));
        QVERIFY(start());
        const QString ws = workspace(QStringLiteral("Sales Analytics"));

        m_editor = DefinitionEditorLauncher::openCreate(m_client.get(), ws);
        QVERIFY(QTest::qWaitForWindowExposed(m_editor));
        QTRY_COMPARE(child<QComboBox>(m_editor, "connection")->count(), int(m_sandbox->state()->connections().size()));
        QTest::keyClicks(child<QLineEdit>(m_editor, "name"), QStringLiteral("Sales orders"));
        QTest::keyClicks(child<QLineEdit>(m_editor, "description"), QStringLiteral("Orders and customers from the sales OLTP"));
        chooseSourceType(m_editor, QStringLiteral("AzureSqlDatabase"));
        chooseConnection(m_editor, QStringLiteral("contoso-sales (Azure SQL)"));
        typeInto(editorField(m_editor, QStringLiteral("database")), QStringLiteral("sales"));
        typeInto(editorField(m_editor, QStringLiteral("defaultSchema")), QStringLiteral("dbo"));
        addTables(m_editor, {QStringLiteral("dbo.orders"), QStringLiteral("dbo.customers"), QStringLiteral("sales.returns")});
        QVERIFY(child<QPushButton>(m_editor, "apply")->isEnabled());
        QApplication::processEvents(); // lay out what the last keystrokes changed
        QVERIFY(m_editor->grab().save(directory + QStringLiteral("/definition-editor-create.png")));
        delete m_editor;

        auto *mirror = mirrorNamed(ws, QStringLiteral("SalesMirror"));
        openLoaded(ws, mirror->id);
        if (QTest::currentTestFailed())
            return;
        click(child<QPushButton>(m_editor, "addMirroredTables"));
        QTRY_VERIFY_WITH_TIMEOUT(m_editor->backend()->tables()->checkedCount() > 0, 10000);
        setRetention(14);
        QApplication::processEvents();
        QVERIFY(m_editor->grab().save(directory + QStringLiteral("/definition-editor-edit.png")));
    }
};

QTEST_MAIN(TestEditorSandbox)
#include "tst_editor_sandbox.moc"
