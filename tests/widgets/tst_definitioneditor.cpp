#include "app/editor/definitioneditorservice.h"
#include "app/editor/draftstore.h"
#include "models/tableselectionmodel.h"
#include "ui/editor/definitioneditor.h"
#include "ui/editor/definitioneditorlauncher.h"
#include "tests/support/definitionfixtures.h"
#include "tests/support/editorinput.h"
#include "tests/support/temporarydrafts.h"
#include "ui/themecolours.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;
using namespace fmc::test;
using Backend = DefinitionEditorBackend;
using Edits = QList<QPair<QString, QString>>;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll().trimmed();
}

QString seed(const QString &name, const QString &type)
{
    return QString::fromUtf8(readFile(QStringLiteral(FMC_TEST_DATA_DIR "/definitions/") + name))
        .replace(QStringLiteral("<your source type>"), type);
}

QString sample(const QString &name)
{
    return QString::fromUtf8(readFile(QStringLiteral(FMC_TEST_DATA_DIR "/../../resources/samples/") + name));
}

// A Create-mode backend (for an editor to own) where every source type mirrors at most \a maxTables.
Backend *backendWithTableLimit(int maxTables)
{
    auto *backend = new Backend(Backend::Mode::Create);
    DefinitionLimits limits;
    limits.defaultMaxTables = maxTables;
    backend->setLimits(limits);
    return backend;
}

// An Edit-mode backend (for an editor to own) with withUnknowns loaded, in mirroring \a status.
Backend *loadedBackend(const QString &status)
{
    auto *backend = new Backend;
    backend->beginEdit(QStringLiteral("ws"), QStringLiteral("db-1"), QStringLiteral("Sales"));
    if (!backend->loadItemDefinition(itemBody(withUnknowns)))
        qFatal("the fixture withUnknowns does not load");
    backend->setMirroringStatus(status);
    return backend;
}

// The changed lines of the diff dialog's side-by-side view, as "- old" and "+ new", row by row.
QStringList changedDiffLines(QWidget *diff)
{
    const auto *view = child<QTableWidget>(diff, "diffView");
    QStringList lines;
    for (int row = 0; row < view->rowCount(); ++row) {
        if (view->item(row, 0) && view->item(row, 0)->text().startsWith(QStringLiteral("−")))
            lines << QStringLiteral("- ") + view->item(row, 1)->text();
        if (view->item(row, 2) && view->item(row, 2)->text().startsWith(u'+'))
            lines << QStringLiteral("+ ") + view->item(row, 3)->text();
    }
    return lines;
}

// The reasons line names the first reason; its tooltip lists them all.
bool reasonsMention(QWidget *editor, const QString &message)
{
    const auto *reasons = child<QLabel>(editor, "applyReasons");
    return reasons->text().contains(message) || reasons->toolTip().contains(message.toHtmlEscaped());
}

// An Edit-mode backend (for an editor to own) over a definition with these tables, laid out as
// the editor writes new documents (four spaces, one member per line).
Backend *backendWithTables(const QStringList &tables)
{
    const MirroringDefinition definition = definitionWithTables(tables);
    auto *backend = new Backend;
    backend->beginEdit(QStringLiteral("ws"), QStringLiteral("db-3"), QStringLiteral("Ledger"));
    if (!backend->loadItemDefinition(itemBody(definition.toJsonBytes())))
        qFatal("the definition with tables does not load");
    backend->setMirroringStatus(QStringLiteral("Running"));
    return backend;
}

} // namespace

class TestDefinitionEditor : public QObject
{
    Q_OBJECT
private:
    TemporaryDrafts m_drafts;

private slots:
    void initTestCase() { QVERIFY(m_drafts.isValid()); }
    void cleanup() { m_drafts.clear(); }

    // The offline way in: a mirroring.json file, opened as it is, saved in place.
    void launcherOpensAFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mirroring.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(withUnknowns);
        file.close();
        QPointer<DefinitionEditor> editor = DefinitionEditorLauncher::openFile(path);
        QVERIFY(QTest::qWaitForWindowExposed(editor));
        QVERIFY(editor->testAttribute(Qt::WA_DeleteOnClose));
        QCOMPARE(editor->backend()->mode(), Backend::Mode::Offline);
        QCOMPARE(editor->backend()->filePath(), path);
        QCOMPARE(child<QPlainTextEdit>(editor, "previewJson")->toPlainText().toUtf8(), withUnknowns);
        QVERIFY(!child<QPushButton>(editor, "apply")->isVisible());
        typeInto(child<QSpinBox>(editor, "retention"), QStringLiteral("14"));
        click(child<QPushButton>(editor, "saveFile"));
        QByteArray expected = withUnknowns;
        expected.replace("\"retentionInDays\": 7", "\"retentionInDays\": 14");
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), expected);
        editor->close();
        QTRY_VERIFY(!editor);

        QPointer<DefinitionEditor> missing = DefinitionEditorLauncher::openFile(dir.filePath(QStringLiteral("none.json")));
        QVERIFY(QTest::qWaitForWindowExposed(missing));
        QVERIFY(!child<QLabel>(missing, "statusMessage")->text().isEmpty());
        delete missing;
    }

    void fillTheForm_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<Edits>("edits");
        QTest::addColumn<QStringList>("tables");
        QTest::addColumn<QString>("expected");
        const QString guid = QStringLiteral("a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1");
        QTest::addRow("seed: whole database")
            << "AzureSqlDatabase" << Edits{{"connection", guid}, {"database", "xxxx"}, {"defaultSchema", "xxxx"}}
            << QStringList{} << seed(QStringLiteral("seed-whole-database.json"), QStringLiteral("AzureSqlDatabase"));
        QTest::addRow("seed: selected tables")
            << "SqlServer2025" << Edits{{"connection", guid}, {"database", "xxxx"}, {"defaultSchema", "xxxx"}}
            << QStringList{"xxxx.xxxx"} << seed(QStringLiteral("seed-selected-tables.json"), QStringLiteral("SqlServer2025"));
        QTest::addRow("Snowflake, external storage, retention 1")
            << "Snowflake"
            << Edits{{"connection", "9b2d4f6a-1c3e-4a5b-8d7f-2e4c6a8b0d1f"}, {"database", "TESTDB"},
                     {"storageType", "AmazonS3"}, {"storageConnection", "5e8f1a2b-3c4d-4e5f-a6b7-c8d9e0f1a2b3"},
                     {"defaultSchema", "dbo"}, {"retention", "1"}}
            << QStringList{"dbo.testtable"} << sample(QStringLiteral("snowflake-external-storage.json"));
        QTest::addRow("SAP Datasphere landing zone")
            << "SAP"
            << Edits{{"sapSubType", "Datasphere"}, {"zoneType", "Lakehouse"},
                     {"zoneConnection", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"},
                     {"zoneWorkspace", "6f7e8d9c-0b1a-4c2d-9e3f-4a5b6c7d8e9f"},
                     {"zoneArtifact", "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"}, {"zoneRootFolder", "Files/test"}}
            << QStringList{} << sample(QStringLiteral("sap-datasphere.json"));
    }
    void fillTheForm()
    {
        QFETCH(QString, type);
        QFETCH(Edits, edits);
        QFETCH(QStringList, tables);
        QFETCH(QString, expected);
        DefinitionEditor editor(new Backend(Backend::Mode::Create));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto *apply = child<QPushButton>(&editor, "apply");
        QVERIFY(!apply->isEnabled());

        QTest::keyClicks(child<QLineEdit>(&editor, "name"), QStringLiteral("Mirrored database 1"));
        QTest::keyClicks(child<QLineEdit>(&editor, "description"), QStringLiteral("A mirrored database description"));
        chooseSourceType(&editor, type);
        for (const auto &[field, text] : edits) {
            QWidget *widget = editorField(&editor, field);
            QVERIFY2(widget->isVisible(), qPrintable(field));
            typeInto(widget, text);
        }
        addTables(&editor, tables);

        QCOMPARE(child<QPlainTextEdit>(&editor, "previewJson")->toPlainText(), expected);
        const QString payload = QString::fromLatin1(expected.toUtf8().toBase64());
        QCOMPARE(child<QPlainTextEdit>(&editor, "previewPayload")->toPlainText(), payload);
        const QString body = child<QPlainTextEdit>(&editor, "previewBody")->toPlainText();
        QVERIFY(body.contains(QStringLiteral("\"payload\": \"%1\"").arg(payload)));
        QVERIFY(body.contains(QStringLiteral("\"displayName\": \"Mirrored database 1\"")));

        // Fields the type does not use are hidden.
        const auto info = *MirroringDefinition::sourceTypeInfo(type);
        QCOMPARE(child<QComboBox>(&editor, "connection")->isVisible(), info.needsConnection);
        QCOMPARE(child<QLineEdit>(&editor, "storageType")->isVisible(), info.usesExternalStorages);
        QCOMPARE(child<QLineEdit>(&editor, "zoneType")->isVisible(), info.usesLandingZone);

        QVERIFY2(apply->isEnabled(), qPrintable(child<QLabel>(&editor, "applyReasons")->text()));
        QSignalSpy applied(&editor, &DefinitionEditor::applyRequested);
        click(apply);
        QCOMPARE(applied.count(), 1);
        // The preview is what the request class builds, and what Apply sends.
        const Json sent = DefinitionEditorService::requestBody(*editor.backend());
        QCOMPARE(body, QString::fromUtf8(dumpJson(sent, 4)));
        QCOMPARE(sent["definition"]["parts"][0]["payload"].get<std::string>(), payload.toStdString());
    }

    void editChangesOnlyTheRetention()
    {
        auto *backend = loadedBackend(QStringLiteral("Running"));
        DefinitionEditor editor(backend);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));

        // Running: the source fields are read-only with the reason; tables and retention are not.
        QVERIFY(!child<QComboBox>(&editor, "connection")->isEnabled());
        QVERIFY(!child<QLineEdit>(&editor, "defaultSchema")->isEnabled());
        QVERIFY(!child<QLineEdit>(&editor, "database")->isEnabled());
        QVERIFY(child<QLabel>(&editor, "lockReason")->isVisible());
        QVERIFY(child<QLabel>(&editor, "lockReason")->text().contains(QStringLiteral("Running")));
        QVERIFY(!child<QLineEdit>(&editor, "name")->isEnabled());
        QCOMPARE(child<QSpinBox>(&editor, "retention")->value(), 7);

        typeInto(child<QSpinBox>(&editor, "retention"), QStringLiteral("14"));
        QByteArray expected = withUnknowns;
        expected.replace("\"retentionInDays\": 7", "\"retentionInDays\": 14");
        QCOMPARE(child<QPlainTextEdit>(&editor, "previewJson")->toPlainText().toUtf8(), expected);
        QVERIFY(editor.windowTitle().endsWith(QStringLiteral(" *")));

        // "Add the tables this database already mirrors" asks the owner, who answers with them.
        QSignalSpy mirrored(&editor, &DefinitionEditor::mirroredTablesRequested);
        click(child<QPushButton>(&editor, "addMirroredTables"));
        QCOMPARE(mirrored.count(), 1);
        TableMirroringStatus status;
        status.sourceSchemaName = QStringLiteral("dbo");
        status.sourceTableName = QStringLiteral("A");
        backend->addMirroredTables({status});
        QCOMPARE(child<QLabel>(&editor, "tableCounter")->text(), QStringLiteral("1 / 500 tables selected"));
        QCOMPARE(child<QPlainTextEdit>(&editor, "previewJson")->toPlainText().toUtf8(), expected);

        // Apply shows the diff first; only the confirmed diff emits applyRequested.
        QSignalSpy applied(&editor, &DefinitionEditor::applyRequested);
        click(child<QPushButton>(&editor, "apply"));
        QDialog *diff = nullptr;
        QTRY_VERIFY((diff = editor.findChild<QDialog *>(QStringLiteral("diffDialog"))) && diff->isVisible());
        QCOMPARE(child<QLabel>(diff, "diffSummary")->text(), QStringLiteral("retention 7 → 14 days"));
        QCOMPARE(changedDiffLines(diff), (QStringList{QStringLiteral("-         \"retentionInDays\": 7"),
                                                      QStringLiteral("+         \"retentionInDays\": 14")}));
        QCOMPARE(applied.count(), 0);
        click(child<QPushButton>(diff, "confirmApply"));
        QCOMPARE(applied.count(), 1);

        // The owner runs updateDefinition: progress, Cancel, then the outcome.
        editor.applyStarted();
        QVERIFY(child<QProgressBar>(&editor, "applyProgress")->isVisible());
        auto *cancel = child<QPushButton>(&editor, "cancelApply");
        QVERIFY(cancel->isVisible());
        QVERIFY(!child<QPushButton>(&editor, "apply")->isEnabled());
        QSignalSpy cancelled(&editor, &DefinitionEditor::cancelRequested);
        click(cancel);
        QCOMPARE(cancelled.count(), 1);
        editor.applyFinished(false, QStringLiteral("Cancelled; nothing was changed."));
        QCOMPARE(child<QLabel>(&editor, "statusMessage")->text(), QStringLiteral("Cancelled; nothing was changed."));
        QVERIFY(QFile::exists(editor.drafts()->path())); // a failed apply keeps the draft
        QVERIFY(!cancel->isVisible());
        editor.applyFinished(true, QStringLiteral("Applied."));
        QVERIFY(!backend->isDirty());
        QVERIFY(!QFile::exists(editor.drafts()->path()));
    }

    void aRetentionKeystrokeRefreshesOnlyTheTarget_data()
    {
        QTest::addColumn<QString>("keys"); // what is typed into the spin box
        QTest::addColumn<int>("days");
        QTest::addRow("arrow up") << "<up>" << 8;
        QTest::addRow("a digit over the selected value") << "9" << 9;
    }
    //! One keystroke in the retention spin box: the target part and the previews are signalled
    //! once each, the previews are built once for the three views, and nothing else is signalled.
    void aRetentionKeystrokeRefreshesOnlyTheTarget()
    {
        QFETCH(QString, keys);
        QFETCH(int, days);
        auto *backend = loadedBackend(QStringLiteral("Stopped"));
        DefinitionEditor editor(backend);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        int builds = 0;
        backend->setRequestBodyBuilder([&builds](const Backend &form) {
            ++builds;
            return DefinitionEditorService::requestBody(form);
        });
        builds = 0; // the editor has just read the previews again

        auto *retention = child<QSpinBox>(&editor, "retention");
        retention->setFocus();
        retention->selectAll();
        QSignalSpy identity(backend, &Backend::identityChanged);
        QSignalSpy source(backend, &Backend::sourceChanged);
        QSignalSpy tables(backend, &Backend::tablesChanged);
        QSignalSpy target(backend, &Backend::targetChanged);
        QSignalSpy validation(backend, &Backend::validationChanged);
        QSignalSpy previews(backend, &Backend::previewsChanged);
        if (keys == QLatin1String("<up>"))
            QTest::keyClick(retention, Qt::Key_Up);
        else
            QTest::keyClicks(retention, keys);

        QCOMPARE(backend->retentionInDays(), days);
        QCOMPARE(target.count(), 1);
        QCOMPARE(previews.count(), 1);
        QCOMPARE(builds, 1);
        QCOMPARE(identity.count(), 0);
        QCOMPARE(source.count(), 0);
        QCOMPARE(tables.count(), 0);
        QCOMPARE(validation.count(), 0); // still 1 to 30: the problems did not change
        QByteArray expected = withUnknowns;
        expected.replace("\"retentionInDays\": 7", "\"retentionInDays\": " + QByteArray::number(days));
        QCOMPARE(child<QPlainTextEdit>(&editor, "previewJson")->toPlainText().toUtf8(), expected);
        QCOMPARE(child<QPlainTextEdit>(&editor, "previewBody")->toPlainText(),
                 QString::fromUtf8(dumpJson(DefinitionEditorService::requestBody(*backend), 4)));
        QVERIFY(editor.windowTitle().endsWith(QStringLiteral(" *")));
    }

    void invalidInputBlocksApply_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::addRow("bad GUID") << "connection" << "12345"
                                  << "“12345” is not an ID: it must be a GUID such as a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1.";
        QTest::addRow("retention 0") << "retention" << "0"
                                     << "Retention is 0; it must be a whole number of days from 1 to 30 (the service "
                                        "keeps 7 days when it is not set).";
        QTest::addRow("retention 31") << "retention" << "31"
                                      << "Retention is 31; it must be a whole number of days from 1 to 30 (the "
                                         "service keeps 7 days when it is not set).";
        QTest::addRow("empty name") << "name" << ""
                                    << "Give the mirrored database a name.";
    }
    void invalidInputBlocksApply()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QFETCH(QString, message);
        DefinitionEditor editor(new Backend(Backend::Mode::Create));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QTest::keyClicks(child<QLineEdit>(&editor, "name"), QStringLiteral("db"));
        chooseSourceType(&editor, QStringLiteral("AzureSqlMI"));
        typeInto(editorField(&editor, QStringLiteral("connection")), QStringLiteral("a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1"));
        QVERIFY(child<QPushButton>(&editor, "apply")->isEnabled());

        QWidget *widget = editorField(&editor, field);
        typeInto(widget, text);
        auto *apply = child<QPushButton>(&editor, "apply");
        QVERIFY(!apply->isEnabled());
        QVERIFY(reasonsMention(&editor, message));
        // The message sits right under the field, and the field is framed red.
        QLabel *shown = nullptr;
        for (QLabel *label : widget->window()->findChildren<QLabel *>(QStringLiteral("fieldMessage"))) {
            if (label->isVisible() && label->text() == message)
                shown = label;
        }
        QVERIFY(shown);
        QWidget *framed = field == QLatin1String("connection") ? child<QComboBox>(&editor, "connection") : widget;
        QVERIFY(framed->property("invalid").toBool());
        QVERIFY(shown->parentWidget()->isAncestorOf(framed));
    }

    void tableRefusals_data()
    {
        QTest::addColumn<QStringList>("tables");
        QTest::addColumn<QString>("message");
        QTest::addRow("duplicate") << QStringList{"dbo.Orders", "DBO.orders"} << "DBO.orders is already listed.";
        QTest::addRow("empty table") << QStringList{"dbo."} << "A table needs both a schema name and a table name.";
        QTest::addRow("over the limit") << QStringList{"dbo.A", "dbo.B", "dbo.C"}
                                        << "At most 2 tables can be mirrored from this source; uncheck some tables "
                                           "first, or choose “Mirror all data”.";
    }
    void tableRefusals()
    {
        QFETCH(QStringList, tables);
        QFETCH(QString, message);
        auto *backend = backendWithTableLimit(2);
        DefinitionEditor editor(backend);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        addTables(&editor, tables);
        QCOMPARE(child<QLabel>(&editor, "tableMessage")->text(), message);
        QVERIFY(backend->tables()->checkedCount() <= 2);
        QCOMPARE(child<QLabel>(&editor, "tableCounter")->text(),
                 QStringLiteral("%1 / 2 tables selected").arg(backend->tables()->checkedCount()));
    }

    void tableLimitWarningDoesNotBlockApply_data()
    {
        QTest::addColumn<QStringList>("tables"); // empty: mirror all data
        QTest::addColumn<bool>("warns");
        QTest::addRow("mirror all data") << QStringList{} << true;
        QTest::addRow("chosen list at the limit") << QStringList{"dbo.A", "dbo.B"} << true;
        QTest::addRow("chosen list below the limit") << QStringList{"dbo.A"} << false;
    }
    //! The table-limit warning shows under the tables, in the warning colour, and the
    //! Create button stays enabled.
    void tableLimitWarningDoesNotBlockApply()
    {
        QFETCH(QStringList, tables);
        QFETCH(bool, warns);
        const QString warning = QStringLiteral("The tables count might exceed the limit, there could be some tables missing.");
        auto *backend = backendWithTableLimit(2);
        DefinitionEditor editor(backend);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QTest::keyClicks(child<QLineEdit>(&editor, "name"), QStringLiteral("db"));
        chooseSourceType(&editor, QStringLiteral("AzureSqlMI"));
        typeInto(editorField(&editor, QStringLiteral("connection")), QStringLiteral("a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1"));
        addTables(&editor, tables);
        QCOMPARE(backend->tables()->checkedCount(), tables.size());
        auto *problem = child<QLabel>(&editor, "tablesProblem");
        QTRY_COMPARE(!problem->text().isEmpty(), warns);
        if (warns) {
            QCOMPARE(problem->text(), warning);
            QVERIFY(!problem->styleSheet().contains(ThemeColours::failed(problem->palette()).name())); // not the error red
        }
        QVERIFY(child<QPushButton>(&editor, "apply")->isEnabled());
        QVERIFY(child<QLabel>(&editor, "applyReasons")->text().isEmpty());
    }

    void invalidTablesInADefinitionBlockApply_data()
    {
        QTest::addColumn<QByteArray>("tables");
        QTest::addColumn<QString>("message");
        QTest::addRow("duplicate")
            << QByteArray(R"([{"source":{"typeProperties":{"schemaName":"dbo","tableName":"A"}}},)"
                          R"({"source":{"typeProperties":{"schemaName":"dbo","tableName":"a"}}}])")
            << "dbo.a is listed twice (also as table 1); table names are compared without regard to case.";
        QTest::addRow("empty table")
            << QByteArray(R"([{"source":{"typeProperties":{"schemaName":"dbo","tableName":""}}}])")
            << "Table 1 has no table name.";
        QTest::addRow("over the limit")
            << QByteArray(R"([{"source":{"typeProperties":{"schemaName":"dbo","tableName":"A"}}},)"
                          R"({"source":{"typeProperties":{"schemaName":"dbo","tableName":"B"}}},)"
                          R"({"source":{"typeProperties":{"schemaName":"dbo","tableName":"C"}}}])")
            << "3 tables are selected; an Azure SQL Database mirrored database can mirror at most 2.";
    }
    void invalidTablesInADefinitionBlockApply()
    {
        QFETCH(QByteArray, tables);
        QFETCH(QString, message);
        QByteArray text = withUnknowns;
        text.replace(QByteArray(R"([
      {"source": {"typeProperties": {"schemaName": "dbo", "tableName": "A"}}, "target": {"x": 1}}
    ])"), tables);
        QVERIFY(text.contains(tables));
        auto *backend = backendWithTableLimit(2);
        backend->beginEdit(QStringLiteral("ws"), QStringLiteral("db-2"), QStringLiteral("Sales"));
        QVERIFY(backend->loadItemDefinition(itemBody(text)));
        DefinitionEditor editor(backend);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto *problem = child<QLabel>(&editor, "tablesProblem");
        QVERIFY(problem->isVisible());
        // The error comes first; a list at the limit adds the table-limit warning after it.
        QCOMPARE(problem->text().split(u'\n').first(), message);
        QVERIFY(!child<QPushButton>(&editor, "apply")->isEnabled());
        QVERIFY(reasonsMention(&editor, message));
    }

    void retentionIsNeverChangedSilently_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addRow("fraction") << "2.5";
        QTest::addRow("comma") << "2,5";
        QTest::addRow("letters") << "two";
        QTest::addRow("exponent") << "1e1";
    }
    //! What is not a whole number stays as typed, with the reason under the field, and Apply is
    //! disabled; the definition keeps its number (QSpinBox made "2.5" 25 days).
    void retentionIsNeverChangedSilently()
    {
        QFETCH(QString, typed);
        auto *backend = loadedBackend(QStringLiteral("Stopped"));
        DefinitionEditor editor(backend);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto *retention = child<QSpinBox>(&editor, "retention");
        typeInto(retention, typed);
        QCOMPARE(retention->text(), typed + QStringLiteral(" days"));
        const QString digits = QString(typed).remove(QRegularExpression(QStringLiteral("[^0-9]")));
        QVERIFY2(backend->retentionInDays() != digits.toInt(), "the digits typed became a number");
        QVERIFY(backend->refusedRetentionText().has_value());
        QVERIFY(!child<QPushButton>(&editor, "apply")->isEnabled());
        QLabel *shown = nullptr;
        for (QLabel *label : editor.findChildren<QLabel *>(QStringLiteral("fieldMessage"))) {
            if (label->isVisible() && label->text().contains(QStringLiteral("not a whole number")))
                shown = label;
        }
        QVERIFY(shown);
        QVERIFY(shown->parentWidget()->isAncestorOf(retention));

        // Leaving the field or pressing Enter keeps the text: nothing is put back behind the user.
        QTest::keyClick(retention, Qt::Key_Return);
        child<QLineEdit>(&editor, "tableFilter")->setFocus();
        QTRY_VERIFY(!retention->hasFocus());
        QCOMPARE(retention->text(), typed + QStringLiteral(" days"));
        QVERIFY(!child<QPushButton>(&editor, "apply")->isEnabled());

        typeInto(retention, QStringLiteral("14"));
        QCOMPARE(backend->retentionInDays(), 14);
        QVERIFY(backend->canApply());
        QVERIFY(child<QPushButton>(&editor, "apply")->isEnabled());
    }

    //! Apply is disabled while the definition is as loaded, enabled by a change and disabled again
    //! when the change is undone.
    void applyNeedsAChange()
    {
        auto *backend = loadedBackend(QStringLiteral("Running"));
        DefinitionEditor editor(backend);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto *apply = child<QPushButton>(&editor, "apply");
        QVERIFY(!apply->isEnabled());
        QVERIFY(apply->toolTip().contains(QStringLiteral("Nothing to apply")));
        QSignalSpy applied(&editor, &DefinitionEditor::applyRequested);
        QTest::mouseClick(apply, Qt::LeftButton);
        QVERIFY(!editor.findChild<QDialog *>(QStringLiteral("diffDialog")));
        typeInto(child<QSpinBox>(&editor, "retention"), QStringLiteral("14"));
        QVERIFY(apply->isEnabled());
        typeInto(child<QSpinBox>(&editor, "retention"), QStringLiteral("7"));
        QVERIFY(!apply->isEnabled());
        QCOMPARE(applied.count(), 0);
    }

    //! Unticking one table (with the keyboard, in the table list) shows, before Apply, the summary
    //! and that table's whole entry removed: nothing added, nothing else changed.
    void diffShowsOneRemovedEntry()
    {
        auto *backend = backendWithTables({"dbo.A", "dbo.B", "dbo.C"});
        DefinitionEditor editor(backend);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto *view = child<QTableView>(&editor, "tableView");
        view->setFocus();
        view->setCurrentIndex(view->model()->index(1, 0));
        QCOMPARE(view->currentIndex().data().toString(), QStringLiteral("dbo"));
        QTest::keyClick(view->viewport(), Qt::Key_Space);
        QTRY_COMPARE(backend->definition().mountedTables().size(), 2);
        click(child<QPushButton>(&editor, "apply"));
        QDialog *diff = nullptr;
        QTRY_VERIFY((diff = editor.findChild<QDialog *>(QStringLiteral("diffDialog"))) && diff->isVisible());
        QCOMPARE(child<QLabel>(diff, "diffSummary")->text(), QStringLiteral("1 table removed: dbo.B"));
        if (const QString dir = qEnvironmentVariable("FMC_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(diff->grab().save(dir + QStringLiteral("/definition-editor-diff.png")));
        const QStringList changed = changedDiffLines(diff);
        QVERIFY(!changed.isEmpty());
        for (const QString &line : changed)
            QVERIFY2(line.startsWith(QStringLiteral("- ")), qPrintable(changed.join(u'\n')));
        QCOMPARE(changed.constFirst().mid(2).trimmed(), QStringLiteral("{"));
        QCOMPARE(changed.constLast().mid(2).trimmed(), QStringLiteral("},"));
        QVERIFY(changed.join(u'\n').contains(QStringLiteral("\"B\"")));
        QVERIFY(!changed.join(u'\n').contains(QStringLiteral("\"A\"")));
        QVERIFY(!changed.join(u'\n').contains(QStringLiteral("\"C\"")));
    }

    //! A new form: focus in the name, no table-limit warning before a source type is chosen, the
    //! workspace it creates into, and room for ten tables in the list.
    void newFormOpensReady()
    {
        auto *backend = new Backend(Backend::Mode::Create);
        backend->setWorkspaceId(QStringLiteral("11111111-2222-3333-4444-555555555555"));
        DefinitionEditor editor(backend);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QTRY_COMPARE(editor.focusWidget(), static_cast<QWidget *>(child<QLineEdit>(&editor, "name")));
        QVERIFY(child<QLabel>(&editor, "tablesProblem")->text().isEmpty());
        auto *workspace = child<QLabel>(&editor, "workspace");
        QCOMPARE(workspace->text(), QStringLiteral("11111111-2222-3333-4444-555555555555"));
        backend->setWorkspaceName(QStringLiteral("Sales <b>team</b>"));
        QCOMPARE(workspace->text(), QStringLiteral("Sales <b>team</b>"));
        QCOMPARE(workspace->textFormat(), Qt::PlainText);
        auto *view = child<QTableView>(&editor, "tableView");
        QVERIFY2(view->viewport()->height() >= 10 * view->verticalHeader()->defaultSectionSize(),
                 qPrintable(QString::number(view->viewport()->height())));
        // ... and still fits a 1024×700 screen (with room for a title bar and a panel).
        QVERIFY2(editor.minimumSizeHint().height() <= 640,
                 qPrintable(QString::number(editor.minimumSizeHint().height())));
        chooseSourceType(&editor, QStringLiteral("AzureSqlDatabase"));
        QVERIFY(!child<QLabel>(&editor, "tablesProblem")->text().isEmpty()); // all data: now it may warn
    }

    //! Messages that come and go while typing do not move the fields below them.
    void messagesDoNotMoveTheForm()
    {
        DefinitionEditor editor(new Backend(Backend::Mode::Create));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        chooseSourceType(&editor, QStringLiteral("AzureSqlDatabase"));
        auto *database = child<QLineEdit>(&editor, "database");
        auto *view = child<QTableView>(&editor, "tableView");
        const QPoint databaseAt = database->mapTo(&editor, QPoint());
        const QRect viewAt(view->mapTo(&editor, QPoint()), view->size());
        QTest::keyClicks(child<QLineEdit>(&editor, "name"), QStringLiteral("db"));
        typeInto(editorField(&editor, QStringLiteral("connection")), QStringLiteral("12345")); // not an ID: a message
        QVERIFY(!child<QPushButton>(&editor, "apply")->isEnabled());
        QCOMPARE(database->mapTo(&editor, QPoint()), databaseAt);
        QCOMPARE(QRect(view->mapTo(&editor, QPoint()), view->size()), viewAt);
        typeInto(editorField(&editor, QStringLiteral("connection")),
                 QStringLiteral("a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1"));
        QCOMPARE(database->mapTo(&editor, QPoint()), databaseAt);
        QCOMPARE(QRect(view->mapTo(&editor, QPoint()), view->size()), viewAt);
    }

    //! The connection chooser offers the connections the source type can use.
    void connectionsFitTheSourceType_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QStringList>("offered");
        const QStringList all{"sales (SQL): s", "finance (PostgreSQL): f", "snow (Snowflake): w", "mi (SQL): m"};
        QTest::addRow("none chosen") << "" << all;
        QTest::addRow("Azure SQL") << "AzureSqlDatabase" << QStringList{"sales (SQL): s", "mi (SQL): m"};
        QTest::addRow("PostgreSQL") << "AzurePostgreSql" << QStringList{"finance (PostgreSQL): f"};
        QTest::addRow("Snowflake") << "Snowflake" << QStringList{"snow (Snowflake): w"};
        QTest::addRow("open mirroring: not known") << "GenericMirror" << all;
    }
    void connectionsFitTheSourceType()
    {
        QFETCH(QString, type);
        QFETCH(QStringList, offered);
        auto *backend = new Backend(Backend::Mode::Create);
        backend->setConnectionChoices({{"1", "sales", "SQL", "s"},
                                       {"2", "finance", "PostgreSQL", "f"},
                                       {"3", "snow", "Snowflake", "w"},
                                       {"4", "mi", "SQL", "m"}});
        DefinitionEditor editor(backend);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        if (!type.isEmpty())
            chooseSourceType(&editor, type);
        auto *combo = child<QComboBox>(&editor, "connection");
        QStringList items;
        for (int i = 0; i < combo->count(); ++i)
            items << combo->itemText(i);
        QCOMPARE(items, offered);
    }

    void closingWithUnsavedChangesAsks()
    {
        DefinitionEditor editor(new Backend(Backend::Mode::Create));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QTest::keyClicks(child<QLineEdit>(&editor, "name"), QStringLiteral("half done"));
        click(child<QPushButton>(&editor, "close"));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = editor.findChild<QMessageBox *>(QStringLiteral("unsavedPrompt"))) && box->isVisible());
        QVERIFY(editor.isVisible());
        box->findChild<QPushButton *>(QStringLiteral("keepEditing"))->click();
        QVERIFY(editor.isVisible());
        QTest::keyClick(&editor, Qt::Key_Escape);
        QTRY_VERIFY((box = editor.findChild<QMessageBox *>(QStringLiteral("unsavedPrompt"))) && box->isVisible());
        box->findChild<QPushButton *>(QStringLiteral("closeAnyway"))->click();
        QTRY_VERIFY(!editor.isVisible());
        QVERIFY(QFile::exists(editor.drafts()->path())); // offered back next time

        DefinitionEditor again(new Backend(Backend::Mode::Create));
        again.show();
        again.offerDraft();
        QTRY_VERIFY((box = again.findChild<QMessageBox *>(QStringLiteral("draftPrompt"))) && box->isVisible());
        box->findChild<QPushButton *>(QStringLiteral("restoreDraft"))->click();
        QCOMPARE(child<QLineEdit>(&again, "name")->text(), QStringLiteral("half done"));
    }
};

QTEST_MAIN(TestDefinitionEditor)
#include "tst_definitioneditor.moc"
