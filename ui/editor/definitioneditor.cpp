#include "definitioneditor.h"

#include "ui/editor/definitiondifftable.h"

#include "app/editor/definitioneditorservice.h"
#include "ui/profiles/productiongate.h"
#include "app/editor/definitionfiles.h"
#include "app/editor/draftstore.h"
#include "models/displaytext.h"
#include "models/tableselectionmodel.h"
#include "ui/mainwindow/detailvalue.h"
#include "ui/wholenumberspinbox.h"
#include "ui/themecolours.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <functional>

namespace fmc {

namespace {

using F = ValidationProblem::Field;
using Mode = DefinitionEditorBackend::Mode;

// Sets a line edit's text only when it differs, so refreshing never moves the user's cursor.
void setTextKeepingCursor(QLineEdit *edit, const QString &text)
{
    if (edit->text() != text)
        edit->setText(text);
}

// A field's message line. It always takes at least one line, empty or not, so that the form does
// not jump under the cursor when a message comes or goes while the user types.
QLabel *messageLabel()
{
    auto *label = new QLabel;
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setObjectName(QStringLiteral("fieldMessage"));
    label->setMinimumHeight(label->fontMetrics().lineSpacing());
    return label;
}

// A two-column form. Not QFormLayout: with rows hidden and word-wrapped labels, Qt 6.4's
// QFormLayout::heightForWidth writes past its row table (found under valgrind).
QGridLayout *formGrid(QWidget *parent)
{
    auto *grid = new QGridLayout(parent);
    grid->setColumnStretch(1, 1);
    return grid;
}

QPlainTextEdit *previewText()
{
    auto *text = new QPlainTextEdit;
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    // Three lines at the least, so that the editor still fits a 1024×700 screen.
    text->setMinimumHeight(3 * text->fontMetrics().lineSpacing() + 2 * text->frameWidth() + 8);
    return text;
}

QWidget *withCopyButton(QWidget *content, const QString &objectName, std::function<QString()> text)
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(content, 1);
    auto *copy = new QPushButton(QObject::tr("Copy"));
    copy->setObjectName(objectName);
    QObject::connect(copy, &QPushButton::clicked, copy, [text] { QGuiApplication::clipboard()->setText(text()); });
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(copy);
    layout->addLayout(row);
    return page;
}

} // namespace

DefinitionEditor::DefinitionEditor(DefinitionEditorBackend *backend, QWidget *parent)
    : QDialog(parent)
    , m_backend(backend)
{
    m_backend->setParent(this);
    m_drafts = new DraftStore(m_backend);
    // The preview of the request body is what the request class itself would send.
    m_backend->setRequestBodyBuilder(&DefinitionEditorService::requestBody);
    setObjectName(QStringLiteral("definitionEditor"));
    setSizeGripEnabled(true);
    resize(1180, 800);

    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(buildForm());
    scroll->setAccessibleName(tr("Definition form"));

    // Left: where the data comes from and goes to. Right: which tables, and what gets sent.
    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(buildTables());
    right->addWidget(buildPreview());
    right->setChildrenCollapsible(false);
    right->setSizes({540, 220}); // the tables first: at least 10 rows in view
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(scroll);
    splitter->addWidget(right);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({540, 640});
    m_content = splitter;

    m_reasons = new QLabel;
    m_reasons->setObjectName(QStringLiteral("applyReasons"));
    m_reasons->setTextFormat(Qt::PlainText);
    m_reasons->setWordWrap(true);
    m_reasons->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reasons->setTextFormat(Qt::PlainText);
    m_reasons->setMinimumHeight(2 * m_reasons->fontMetrics().lineSpacing());
    m_reasons->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("statusMessage"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setMinimumHeight(m_status->fontMetrics().lineSpacing());
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("applyProgress"));
    m_progress->setVisible(false);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("cancelApply"));
    m_cancel->setVisible(false);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_status->setText(tr("Cancelling…"));
        emit cancelRequested();
    });

    m_buttons = new QDialogButtonBox;
    const Mode mode = m_backend->mode();
    m_apply = m_buttons->addButton(mode == Mode::Create ? tr("Create") : tr("Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("apply"));
    m_open = m_buttons->addButton(tr("Open…"), QDialogButtonBox::ActionRole);
    m_open->setObjectName(QStringLiteral("openFile"));
    m_save = m_buttons->addButton(tr("Save"), QDialogButtonBox::ActionRole);
    m_save->setObjectName(QStringLiteral("saveFile"));
    m_saveAs = m_buttons->addButton(tr("Save As…"), QDialogButtonBox::ActionRole);
    m_saveAs->setObjectName(QStringLiteral("saveFileAs"));
    auto *close = m_buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("close"));
    // The dialog's Enter must not apply by accident.
    for (QAbstractButton *button : m_buttons->buttons()) {
        if (auto *push = qobject_cast<QPushButton *>(button))
            push->setAutoDefault(false);
    }
    connect(m_apply, &QPushButton::clicked, this, &DefinitionEditor::requestApply);
    connect(m_open, &QPushButton::clicked, this, &DefinitionEditor::openFile);
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (m_backend->filePath().isEmpty())
            saveFileAs();
        else if (DefinitionFiles::save(m_backend, m_drafts))
            showMessage(tr("Saved %1.").arg(m_backend->filePath()), false);
        else
            showMessage(m_backend->lastError(), true);
    });
    connect(m_saveAs, &QPushButton::clicked, this, &DefinitionEditor::saveFileAs);
    connect(close, &QPushButton::clicked, this, &QDialog::close);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_progress, 1);
    bottom->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_reasons);
    layout->addWidget(m_status);
    layout->addLayout(bottom);
    layout->addWidget(m_buttons);

    // Each part of the form re-reads only its own widgets when the backend says that part changed.
    using B = DefinitionEditorBackend;
    connect(m_backend, &B::identityChanged, this, &DefinitionEditor::refreshIdentity);
    connect(m_backend, &B::sourceChanged, this, &DefinitionEditor::refreshSource);
    connect(m_backend, &B::tablesChanged, this, &DefinitionEditor::refreshTables);
    connect(m_backend, &B::targetChanged, this, &DefinitionEditor::refreshTarget);
    connect(m_backend, &B::validationChanged, this, &DefinitionEditor::refreshValidation);
    connect(m_backend, &B::previewsChanged, this, &DefinitionEditor::refreshPreviews);
    connect(m_backend, &B::dirtyChanged, this, &DefinitionEditor::refreshTitle);
    connect(m_backend, &B::dirtyChanged, this, &DefinitionEditor::refreshActions); // Apply needs a change
    connect(m_backend, &B::filePathChanged, this, &DefinitionEditor::refreshTitle);
    connect(m_backend, &B::modeChanged, this, &DefinitionEditor::refresh);
    connect(m_backend, &B::connectionChoicesChanged, this, &DefinitionEditor::refreshConnections);
    connect(m_backend->tables(), &TableSelectionModel::lastMessageChanged, this,
            [this] { m_tableMessage->setText(m_backend->tables()->lastMessage()); });
    refreshConnections();
    refresh();
}

QLabel *DefinitionEditor::addField(QGridLayout *form, const QString &label, QWidget *editor, QList<int> fields)
{
    auto *column = new QWidget;
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(editor);
    QLabel *message = messageLabel();
    layout->addWidget(message);
    auto *caption = new QLabel(label);
    caption->setBuddy(editor);
    // The caption is not a sibling of the editor, so screen readers would not find it as buddy.
    if (editor->accessibleName().isEmpty())
        editor->setAccessibleName(QString(label).remove(u'&').remove(u':'));
    const int row = form->rowCount();
    form->addWidget(caption, row, 0, Qt::AlignRight | Qt::AlignTop);
    form->addWidget(column, row, 1);
    m_formRows.insert(editor, {caption, column});
    m_rows.append({editor, message, std::move(fields)});
    return message;
}

QWidget *DefinitionEditor::buildForm()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);

    // The item: named on create, shown on edit.
    auto *item = new QGroupBox(tr("Mirrored database"));
    item->setObjectName(QStringLiteral("itemGroup"));
    auto *itemForm = formGrid(item);
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("Sales mirror"));
    addField(itemForm, tr("&Name:"), m_name, {int(DefinitionEditorBackend::ExtraField::Name)});
    m_description = new QLineEdit;
    m_description->setObjectName(QStringLiteral("description"));
    addField(itemForm, tr("&Description:"), m_description, {int(DefinitionEditorBackend::ExtraField::Description)});
    m_workspace = new QLabel;
    m_workspace->setObjectName(QStringLiteral("workspace"));
    m_workspace->setTextFormat(Qt::PlainText);
    m_workspace->setTextInteractionFlags(Qt::TextSelectableByMouse);
    addField(itemForm, tr("Workspace:"), m_workspace, {});
    connect(m_name, &QLineEdit::textEdited, m_backend, &DefinitionEditorBackend::setName);
    connect(m_description, &QLineEdit::textEdited, m_backend, &DefinitionEditorBackend::setDescription);
    layout->addWidget(item);

    // The source, with only the fields its type uses.
    auto *source = new QGroupBox(tr("Source"));
    auto *sourceForm = formGrid(source);
    m_sourceType = new QComboBox;
    m_sourceType->setObjectName(QStringLiteral("sourceType"));
    m_sourceType->addItem(tr("Choose a source type…"), QString());
    for (const SourceTypeInfo &info : MirroringDefinition::knownSourceTypes())
        m_sourceType->addItem(info.displayName, info.type);
    addField(sourceForm, tr("Source &type:"), m_sourceType, {int(F::SourceType)});
    connect(m_sourceType, &QComboBox::activated, this,
            [this](int index) { m_backend->setSourceType(m_sourceType->itemData(index).toString()); });

    m_connection = new QComboBox;
    m_connection->setObjectName(QStringLiteral("connection"));
    m_connection->setEditable(true);
    m_connection->setInsertPolicy(QComboBox::NoInsert);
    m_connection->lineEdit()->setPlaceholderText(tr("Pick a connection or paste its ID"));
    m_connection->completer()->setFilterMode(Qt::MatchContains);
    m_connection->completer()->setCompletionMode(QCompleter::PopupCompletion);
    addField(sourceForm, tr("&Connection:"), m_connection, {int(F::Connection)});
    // The box shows "name (type)"; the path (server;database, often longer than the box) wraps
    // below it rather than being cut.
    m_connectionPath = new DetailValue;
    m_connectionPath->setObjectName(QStringLiteral("connectionPath"));
    m_connectionPath->setAccessibleName(tr("Connection path"));
    m_connectionPath->setMinimumWidth(60);
    m_connectionPath->hide();
    static_cast<QVBoxLayout *>(m_connection->parentWidget()->layout())->insertWidget(1, m_connectionPath);
    connect(m_connection->lineEdit(), &QLineEdit::textEdited, this,
            [this](const QString &text) { m_backend->setConnection(m_backend->resolveConnection(text)); });
    connect(m_connection, &QComboBox::activated, this, [this](int index) {
        const QString id = m_connection->itemData(index).toString();
        m_backend->setConnection(id.isEmpty() ? m_backend->resolveConnection(m_connection->currentText()) : id);
        refreshSource(); // the box shows the short label, the path goes below
    });

    m_database = new QLineEdit;
    m_database->setObjectName(QStringLiteral("database"));
    addField(sourceForm, tr("Data&base:"), m_database, {int(F::Database)});
    connect(m_database, &QLineEdit::textEdited, m_backend, &DefinitionEditorBackend::setDatabase);

    // Snowflake: one external storage is what the docs show; further ones in a file are kept.
    m_storageType = new QLineEdit;
    m_storageType->setObjectName(QStringLiteral("storageType"));
    m_storageType->setPlaceholderText(QStringLiteral("AmazonS3"));
    addField(sourceForm, tr("External storage type:"), m_storageType, {int(F::ExternalStorages), int(F::ExternalStorageType)});
    m_storageConnection = new QLineEdit;
    m_storageConnection->setObjectName(QStringLiteral("storageConnection"));
    m_storageConnection->setPlaceholderText(tr("connection ID"));
    addField(sourceForm, tr("External storage connection:"), m_storageConnection, {int(F::ExternalStorageConnection)});
    connect(m_storageType, &QLineEdit::textEdited, this, &DefinitionEditor::updateExternalStorage);
    connect(m_storageConnection, &QLineEdit::textEdited, this, &DefinitionEditor::updateExternalStorage);

    // SAP: sub-type and landing zone, no connection.
    m_sapSubType = new QLineEdit;
    m_sapSubType->setObjectName(QStringLiteral("sapSubType"));
    m_sapSubType->setPlaceholderText(QStringLiteral("Datasphere"));
    addField(sourceForm, tr("SAP sub-type:"), m_sapSubType, {int(F::SapSubType)});
    connect(m_sapSubType, &QLineEdit::textEdited, m_backend, &DefinitionEditorBackend::setSapSubType);
    const auto zoneField = [&](QLineEdit *&edit, const char *name, const QString &label, const QString &placeholder,
                               QList<int> fields) {
        edit = new QLineEdit;
        edit->setObjectName(QString::fromLatin1(name));
        edit->setPlaceholderText(placeholder);
        addField(sourceForm, label, edit, std::move(fields));
        connect(edit, &QLineEdit::textEdited, this, &DefinitionEditor::updateLandingZone);
    };
    zoneField(m_zoneType, "zoneType", tr("Landing zone type:"), QStringLiteral("Lakehouse"),
              {int(F::LandingZone), int(F::LandingZoneType)});
    zoneField(m_zoneConnection, "zoneConnection", tr("Landing zone connection:"), tr("connection ID"),
              {int(F::LandingZoneConnection)});
    zoneField(m_zoneWorkspace, "zoneWorkspace", tr("Landing zone workspace:"), tr("workspace ID"),
              {int(F::LandingZoneWorkspaceId)});
    zoneField(m_zoneArtifact, "zoneArtifact", tr("Landing zone lakehouse:"), tr("lakehouse ID"),
              {int(F::LandingZoneArtifactId)});
    zoneField(m_zoneRootFolder, "zoneRootFolder", tr("Landing zone folder:"), QStringLiteral("Files/sap"),
              {int(F::LandingZoneRootFolder)});
    m_lockReason = new QLabel;
    m_lockReason->setObjectName(QStringLiteral("lockReason"));
    m_lockReason->setTextFormat(Qt::PlainText);
    m_lockReason->setWordWrap(true);
    sourceForm->addWidget(m_lockReason, sourceForm->rowCount(), 0, 1, 2);
    layout->addWidget(source);

    // The target.
    auto *target = new QGroupBox(tr("Target"));
    auto *targetForm = formGrid(target);
    m_defaultSchema = new QLineEdit;
    m_defaultSchema->setObjectName(QStringLiteral("defaultSchema"));
    m_defaultSchema->setPlaceholderText(tr("keeps the source's schemas when set, e.g. dbo"));
    addField(targetForm, tr("Default &schema:"), m_defaultSchema, {int(F::DefaultSchema)});
    connect(m_defaultSchema, &QLineEdit::textEdited, m_backend, &DefinitionEditorBackend::setDefaultSchema);

    // A wider range than 1–30 on purpose: a value out of range (typed, or from a file) is shown
    // with the reason instead of being silently clamped.
    m_retention = new WholeNumberSpinBox;
    m_retention->setObjectName(QStringLiteral("retention"));
    m_retention->setAccessibleName(tr("Retention in days"));
    m_retention->setRange(0, 99999);
    m_retention->setSuffix(tr(" days"));
    m_retention->setAccessibleName(tr("Retention"));
    m_retention->setKeyboardTracking(true);
    auto *retentionColumn = new QWidget;
    auto *retentionLayout = new QVBoxLayout(retentionColumn);
    retentionLayout->setContentsMargins(0, 0, 0, 0);
    auto *retentionRow = new QHBoxLayout;
    retentionRow->addWidget(m_retention);
    retentionRow->addStretch();
    retentionLayout->addLayout(retentionRow);
    auto *retentionHelp = new QLabel(tr("How long OneLake keeps the old versions of mirrored data (for time travel "
                                        "and recovery) before they are cleaned up: 1 to 30 days, 7 by default."));
    retentionHelp->setWordWrap(true);
    retentionLayout->addWidget(retentionHelp);
    addField(targetForm, tr("&Retention:"), retentionColumn, {int(F::RetentionInDays)});
    // The text, not the value: "2.5" must reach the backend as typed, to be refused with a reason.
    connect(m_retention, &WholeNumberSpinBox::typedTextChanged, m_backend, &DefinitionEditorBackend::setRetentionText);

    m_changeDataFeed = new QCheckBox(tr("Delta change data feed (paid extended capability)"));
    m_changeDataFeed->setObjectName(QStringLiteral("changeDataFeed"));
    addField(targetForm, QString(), m_changeDataFeed, {int(F::EnableDeltaChangeDataFeed)});
    connect(m_changeDataFeed, &QCheckBox::toggled, m_backend, &DefinitionEditorBackend::setChangeDataFeed);
    layout->addWidget(target);
    layout->addStretch(1);
    return page;
}

QWidget *DefinitionEditor::buildTables()
{
    auto *group = new QGroupBox(tr("Tables"));
    auto *layout = new QVBoxLayout(group);
    m_mirrorAll = new QRadioButton(tr("Mirror all data (new tables are added automatically)"));
    m_mirrorAll->setObjectName(QStringLiteral("mirrorAll"));
    m_mirrorChosen = new QRadioButton(tr("Mirror only the tables checked below"));
    m_mirrorChosen->setObjectName(QStringLiteral("mirrorChosen"));
    layout->addWidget(m_mirrorAll);
    layout->addWidget(m_mirrorChosen);
    connect(m_mirrorAll, &QRadioButton::toggled, m_backend, &DefinitionEditorBackend::setMirrorAll);

    m_tablesPanel = new QWidget;
    auto *panel = new QVBoxLayout(m_tablesPanel);
    panel->setContentsMargins(0, 0, 0, 0);
    m_tableFilter = new QLineEdit;
    m_tableFilter->setObjectName(QStringLiteral("tableFilter"));
    m_tableFilter->setAccessibleName(tr("Filter tables"));
    m_tableFilter->setPlaceholderText(tr("Filter tables"));
    m_tableFilter->setClearButtonEnabled(true);
    m_tableCounter = new QLabel;
    m_tableCounter->setObjectName(QStringLiteral("tableCounter"));
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_tableFilter, 1);
    filterRow->addWidget(m_tableCounter);
    panel->addLayout(filterRow);

    m_tableProxy = new QSortFilterProxyModel(this);
    m_tableProxy->setSourceModel(m_backend->tables());
    m_tableProxy->setFilterKeyColumn(-1);
    m_tableProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_tableFilter, &QLineEdit::textChanged, m_tableProxy, &QSortFilterProxyModel::setFilterFixedString);
    m_tableView = new QTableView;
    m_tableView->setObjectName(QStringLiteral("tableView"));
    m_tableView->setAccessibleName(tr("Source tables"));
    m_tableView->setModel(m_tableProxy);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->horizontalHeader()->setStretchLastSection(true);
    m_tableView->horizontalHeader()->resizeSection(0, 180);
    m_tableView->verticalHeader()->setVisible(false);
    // Rows as tall as the text and its check box need; the splitter's sizes show at least 10 of
    // them at the editor's size, and 4 remain on a small screen (1024×700).
    const int rowHeight = m_tableView->fontMetrics().height() + 8;
    m_tableView->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_tableView->setMinimumHeight(m_tableView->horizontalHeader()->sizeHint().height() + 4 * rowHeight
                                  + 2 * m_tableView->frameWidth());
    panel->addWidget(m_tableView, 1);

    auto *addRow = new QHBoxLayout;
    m_newSchema = new QLineEdit;
    m_newSchema->setObjectName(QStringLiteral("newSchema"));
    m_newSchema->setAccessibleName(tr("Schema of the table to add"));
    m_newSchema->setPlaceholderText(tr("schema"));
    m_newTable = new QLineEdit;
    m_newTable->setObjectName(QStringLiteral("newTable"));
    m_newTable->setAccessibleName(tr("Name of the table to add"));
    m_newTable->setPlaceholderText(tr("table"));
    auto *add = new QPushButton(tr("Add"));
    add->setObjectName(QStringLiteral("addTable"));
    add->setAutoDefault(false);
    const auto addTable = [this] {
        if (m_backend->tables()->addTable(m_newSchema->text(), m_newTable->text())) {
            m_newTable->clear();
            m_tableMessage->clear();
        }
    };
    connect(add, &QPushButton::clicked, this, addTable);
    connect(m_newTable, &QLineEdit::returnPressed, this, addTable);
    auto *remove = new QPushButton(tr("Remove"));
    remove->setObjectName(QStringLiteral("removeTables"));
    remove->setAutoDefault(false);
    connect(remove, &QPushButton::clicked, this, [this] {
        QList<int> rows;
        for (const QModelIndex &index : m_tableView->selectionModel()->selectedRows())
            rows << m_tableProxy->mapToSource(index).row();
        m_backend->tables()->removeTableRows(rows);
    });
    auto *paste = new QPushButton(tr("Paste many…"));
    paste->setObjectName(QStringLiteral("pasteTables"));
    paste->setAutoDefault(false);
    connect(paste, &QPushButton::clicked, this, &DefinitionEditor::pasteTables);
    auto *import = new QPushButton(tr("Import…"));
    import->setObjectName(QStringLiteral("importTables"));
    import->setAutoDefault(false);
    connect(import, &QPushButton::clicked, this, &DefinitionEditor::importTables);
    addRow->addWidget(m_newSchema, 1);
    addRow->addWidget(m_newTable, 2);
    addRow->addWidget(add);
    addRow->addWidget(remove);
    addRow->addWidget(paste);
    addRow->addWidget(import);
    panel->addLayout(addRow);
    m_addMirrored = new QPushButton(tr("Add the tables this database already mirrors"));
    m_addMirrored->setObjectName(QStringLiteral("addMirroredTables"));
    m_addMirrored->setAutoDefault(false);
    connect(m_addMirrored, &QPushButton::clicked, this, &DefinitionEditor::mirroredTablesRequested);
    auto *mirroredRow = new QHBoxLayout;
    mirroredRow->addWidget(m_addMirrored);
    mirroredRow->addStretch();
    layout->addLayout(mirroredRow);
    layout->addWidget(m_tablesPanel, 1);

    m_tableMessage = messageLabel();
    m_tableMessage->setObjectName(QStringLiteral("tableMessage"));
    layout->addWidget(m_tableMessage);
    m_tablesProblem = messageLabel();
    m_tablesProblem->setObjectName(QStringLiteral("tablesProblem"));
    layout->addWidget(m_tablesProblem);
    m_rows.append({m_tableView, m_tablesProblem, {int(F::MountedTables), int(F::TableSchemaName), int(F::TableName)}});
    return group;
}

QWidget *DefinitionEditor::buildPreview()
{
    m_previewTabs = new QTabWidget;
    m_previewTabs->setObjectName(QStringLiteral("previewTabs"));
    m_previewTabs->setAccessibleName(tr("Previews"));
    m_previewJson = previewText();
    m_previewJson->setObjectName(QStringLiteral("previewJson"));
    m_previewJson->setAccessibleName(tr("mirroring.json preview"));
    m_previewTabs->addTab(withCopyButton(m_previewJson, QStringLiteral("copyJson"),
                                         [this] { return m_backend->previewJson(); }),
                          QStringLiteral("mirroring.json"));

    auto *payloadPage = new QWidget;
    auto *payloadLayout = new QVBoxLayout(payloadPage);
    payloadLayout->setContentsMargins(0, 0, 0, 0);
    m_previewPayload = previewText();
    m_previewPayload->setObjectName(QStringLiteral("previewPayload"));
    m_previewPayload->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_previewPayload->setWordWrapMode(QTextOption::WrapAnywhere);
    m_previewBody = previewText();
    m_previewBody->setObjectName(QStringLiteral("previewBody"));
    payloadLayout->addWidget(new QLabel(tr("Base64 payload of the mirroring.json part:")));
    payloadLayout->addWidget(m_previewPayload, 1);
    payloadLayout->addWidget(new QLabel(tr("Request body:")));
    payloadLayout->addWidget(m_previewBody, 2);
    m_previewTabs->addTab(withCopyButton(payloadPage, QStringLiteral("copyPayload"),
                                         [this] { return m_backend->previewPayload(); }),
                          tr("Base64 payload"));
    return m_previewTabs;
}

void DefinitionEditor::refreshConnections()
{
    const QSignalBlocker blocker(m_connection);
    const QString text = m_connection->currentText();
    m_connection->clear();
    m_connectionsFor = m_backend->sourceType();
    for (const ConnectionChoice &choice : m_backend->connectionChoicesForSource()) {
        m_connection->addItem(choice.label(), choice.id);
        m_connection->setItemData(m_connection->count() - 1, choice.path.isEmpty() ? choice.id : choice.path + u'\n' + choice.id,
                                  Qt::ToolTipRole);
    }
    m_connection->setCurrentIndex(-1);
    m_connection->setEditText(text);
    refreshSource();
}

void DefinitionEditor::refresh()
{
    refreshIdentity();
    refreshSource();
    refreshTables();
    refreshTarget();
    refreshPreviews();
    refreshValidation();
}

void DefinitionEditor::refreshTitle()
{
    const Mode mode = m_backend->mode();
    setWindowTitle(mode == Mode::Create  ? tr("New mirrored database")
                   : mode == Mode::Edit  ? tr("Edit %1").arg(m_backend->name())
                                         : tr("%1 (mirroring.json)").arg(m_backend->filePath().isEmpty()
                                                                             ? tr("Untitled")
                                                                             : m_backend->filePath()));
    if (m_backend->isDirty())
        setWindowTitle(windowTitle() + QStringLiteral(" *"));
}

void DefinitionEditor::refreshIdentity()
{
    const Mode mode = m_backend->mode();
    refreshTitle();
    setTextKeepingCursor(m_name, m_backend->name());
    setTextKeepingCursor(m_description, m_backend->description());
    // The item's name and description are changed elsewhere (update item), not in its definition.
    m_name->setEnabled(mode != Mode::Edit);
    m_description->setEnabled(mode != Mode::Edit);
    m_name->parentWidget()->parentWidget()->setVisible(mode != Mode::Offline);
    const QString workspace = m_backend->workspaceName().isEmpty() ? m_backend->workspaceId()
                                                                   : m_backend->workspaceName();
    m_workspace->setText(displayText(workspace));
    m_workspace->setToolTip(m_backend->workspaceId());
}

void DefinitionEditor::refreshSource()
{
    if (m_connectionsFor != m_backend->sourceType()) {
        refreshConnections(); // only the connections the new source type can use; calls back here
        return;
    }
    {
        const QSignalBlocker blocker(m_sourceType);
        const QString type = m_backend->sourceType();
        int index = m_sourceType->findData(type);
        if (index < 0) {
            // A type this version does not know is kept and shown as it is.
            m_sourceType->addItem(type, type);
            index = m_sourceType->count() - 1;
        }
        m_sourceType->setCurrentIndex(index);
    }
    {
        const QSignalBlocker blocker(m_connection);
        const ConnectionChoice *picked = nullptr;
        const QList<ConnectionChoice> choices = m_backend->connectionChoices();
        for (const ConnectionChoice &choice : choices) {
            if (choice.id == m_backend->connection())
                picked = &choice;
        }
        if (m_backend->resolveConnection(m_connection->currentText()) != m_backend->connection()
            || (picked && m_connection->currentText() == picked->label())) {
            m_connection->setEditText(picked ? displayText(picked->shortLabel()) : m_backend->connection());
            m_connection->lineEdit()->setCursorPosition(0);
        }
        m_connectionPath->setValue(picked ? displayText(picked->path, 1000) : QString());
        m_connectionPath->setVisible(picked && !picked->path.isEmpty());
    }
    setTextKeepingCursor(m_database, m_backend->database());
    const QList<ExternalStorage> storages = m_backend->externalStorages();
    setTextKeepingCursor(m_storageType, storages.value(0).type);
    setTextKeepingCursor(m_storageConnection, storages.value(0).connection);
    setTextKeepingCursor(m_sapSubType, m_backend->sapSubType());
    const LandingZone zone = m_backend->landingZone().value_or(LandingZone());
    setTextKeepingCursor(m_zoneType, zone.type);
    setTextKeepingCursor(m_zoneConnection, zone.connection);
    setTextKeepingCursor(m_zoneWorkspace, zone.workspaceId);
    setTextKeepingCursor(m_zoneArtifact, zone.artifactId);
    setTextKeepingCursor(m_zoneRootFolder, zone.rootFolder);

    // The lock covers the target's default schema too: the service changes all three together.
    const bool locked = m_backend->sourceLocked();
    m_connection->setEnabled(!locked);
    m_database->setEnabled(!locked);
    m_defaultSchema->setEnabled(!locked);
    m_lockReason->setText(m_backend->lockReason());
    m_lockReason->setVisible(locked);
    refreshVisibility();
}

void DefinitionEditor::refreshTables()
{
    {
        const QSignalBlocker all(m_mirrorAll);
        const QSignalBlocker chosen(m_mirrorChosen);
        m_mirrorAll->setChecked(m_backend->mirrorAll());
        m_mirrorChosen->setChecked(!m_backend->mirrorAll());
    }
    m_tablesPanel->setEnabled(!m_backend->mirrorAll());
    m_addMirrored->setVisible(m_backend->mode() == Mode::Edit);
    m_tableCounter->setText(m_backend->tableCounter());
}

void DefinitionEditor::refreshTarget()
{
    setTextKeepingCursor(m_defaultSchema, m_backend->defaultSchema());
    // A refused text stays as typed next to its message; otherwise the box shows the document's number.
    if (!m_backend->refusedRetentionText()
        && (m_retention->value() != m_backend->retentionInDays() || !m_retention->isAcceptable())) {
        const QSignalBlocker blocker(m_retention);
        m_retention->setValue(m_backend->retentionInDays());
    }
    const QSignalBlocker blocker(m_changeDataFeed);
    m_changeDataFeed->setChecked(m_backend->changeDataFeed());
}

void DefinitionEditor::refreshPreviews()
{
    const auto show = [](QPlainTextEdit *view, const QString &text) {
        if (view->toPlainText() != text)
            view->setPlainText(text);
    };
    show(m_previewJson, m_backend->previewJson());
    show(m_previewPayload, m_backend->previewPayload());
    show(m_previewBody, m_backend->previewRequestBody());
}

void DefinitionEditor::refreshValidation()
{
    showFieldMessages();
    refreshActions();
}

void DefinitionEditor::refreshActions()
{
    const Mode mode = m_backend->mode();
    const QStringList reasons = m_backend->blockingReasons();
    m_apply->setText(mode == Mode::Create ? tr("Create") : tr("Apply"));
    const bool changes = m_backend->hasChanges();
    m_apply->setEnabled(reasons.isEmpty() && changes && !m_applying && !m_loading && !m_loadFailed
                        && mode != Mode::Offline);
    m_apply->setToolTip(changes ? QString() : tr("Nothing to apply: the definition is as loaded."));
    if (m_content)
        m_content->setEnabled(!m_loading && !m_loadFailed);
    m_apply->setVisible(mode != Mode::Offline);
    // While loading, the form is empty for a moment: its "problems" are not the user's. The line
    // keeps its place when empty, and names the first reason only (each is under its field), so
    // the form does not jump as reasons come and go.
    const bool showReasons = !reasons.isEmpty() && !m_loading && !m_loadFailed;
    QString text;
    if (showReasons) {
        text = tr("Cannot apply yet: %1").arg(reasons.constFirst());
        if (reasons.size() > 1)
            text += QLatin1Char(' ') + tr("(and %1 more, shown under their fields)").arg(reasons.size() - 1);
    }
    m_reasons->setText(text);
    m_reasons->setToolTip(showReasons ? plainToolTip(reasons.join(QLatin1Char('\n'))) : QString());
    m_open->setVisible(mode != Mode::Edit);
    m_save->setVisible(mode != Mode::Edit);
    m_saveAs->setVisible(mode != Mode::Edit);
}

void DefinitionEditor::refreshVisibility()
{
    const auto info = MirroringDefinition::sourceTypeInfo(m_backend->sourceType());
    const bool known = info.has_value();
    const bool connection = !known || info->needsConnection;
    const bool storages = known && info->usesExternalStorages;
    const bool sap = known && info->usesLandingZone;
    const auto show = [this](QWidget *editor, bool visible) {
        const auto row = m_formRows.value(editor);
        if (row.first) {
            row.first->setVisible(visible);
            row.second->setVisible(visible);
        }
    };
    show(m_connection, connection);
    show(m_database, connection);
    show(m_storageType, storages);
    show(m_storageConnection, storages);
    for (QLineEdit *edit : {m_sapSubType, m_zoneType, m_zoneConnection, m_zoneWorkspace, m_zoneArtifact, m_zoneRootFolder})
        show(edit, sap);
    m_database->setPlaceholderText(known && info->needsDatabase ? tr("required for this source")
                                                                 : tr("optional for this source"));
}

void DefinitionEditor::showFieldMessages()
{
    for (const FieldRow &row : std::as_const(m_rows)) {
        // Errors first across the row's fields: a duplicate table name before the table-limit warning.
        const QString message = m_backend->fieldMessage(row.fields);
        const bool error = m_backend->fieldHasError(row.fields);
        row.message->setText(message);
        row.message->setStyleSheet(QStringLiteral("color: %1;").arg(
            (error ? ThemeColours::failed(palette()) : ThemeColours::warning(palette())).name()));
        QWidget *target = row.editor == m_retention->parentWidget() ? m_retention : row.editor;
        if (target->property("invalid").toBool() != error) {
            target->setProperty("invalid", error);
            // A red frame on text fields; a style sheet border would redraw a spin box's or
            // combo box's arrows, so those get a tinted background instead.
            if (qobject_cast<QLineEdit *>(target)) {
                target->setStyleSheet(error ? QStringLiteral("border: 1px solid %1; padding: 1px;")
                                                  .arg(ThemeColours::failed(target->palette()).name())
                                            : QString());
            } else {
                QPalette palette = target->palette();
                palette.setColor(QPalette::Base, error ? ThemeColours::colour(ThemeColours::Meaning::AlertBackground, palette)
                                                       : QApplication::palette(target).color(QPalette::Base));
                target->setPalette(palette);
            }
        }
    }
}

void DefinitionEditor::updateExternalStorage()
{
    QList<ExternalStorage> storages = m_backend->externalStorages();
    const ExternalStorage first{m_storageType->text().trimmed(), m_storageConnection->text().trimmed()};
    if (storages.isEmpty())
        storages.append(first);
    else
        storages[0] = first;
    if (storages.size() == 1 && first.type.isEmpty() && first.connection.isEmpty())
        storages.clear();
    m_backend->setExternalStorages(storages);
}

void DefinitionEditor::updateLandingZone()
{
    const LandingZone zone{m_zoneType->text().trimmed(), m_zoneConnection->text().trimmed(),
                           m_zoneWorkspace->text().trimmed(), m_zoneArtifact->text().trimmed(),
                           m_zoneRootFolder->text().trimmed()};
    m_backend->setLandingZone(zone == LandingZone() ? std::nullopt : std::optional<LandingZone>(zone));
}

void DefinitionEditor::requestApply()
{
    if (!m_backend->canApply() || !m_backend->hasChanges() || m_applying)
        return;
    const QString what = m_backend->mode() == Mode::Edit ? tr("Update the definition of %1.") : tr("Create %1.");
    ProductionGate::confirm(this, what.arg(displayText(m_backend->name(), 80)), [this] {
        if (m_applying)
            return;
        if (m_backend->mode() == Mode::Edit)
            confirmDiff();
        else
            emit applyRequested();
    });
}

void DefinitionEditor::confirmDiff()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("diffDialog"));
    dialog->setWindowTitle(tr("Apply these changes?"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->resize(qMin(1100, width()), 560);
    auto *layout = new QVBoxLayout(dialog);
    auto *intro = new QLabel(tr("Apply changes the definition of %1:").arg(displayText(m_backend->name())));
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *summary = new QLabel(m_backend->changeSummary());
    summary->setObjectName(QStringLiteral("diffSummary"));
    summary->setTextFormat(Qt::PlainText);
    summary->setWordWrap(true);
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = summary->font();
    bold.setBold(true);
    summary->setFont(bold);
    layout->addWidget(summary);
    layout->addWidget(definitionDiffTable(m_backend->diffRows(), tr("As loaded"), tr("After Apply"), dialog), 1);
    auto *buttons = new QDialogButtonBox;
    buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole)->setObjectName(QStringLiteral("confirmApply"));
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(dialog, &QDialog::accepted, this, &DefinitionEditor::applyRequested);
    dialog->open();
}

void DefinitionEditor::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (!event->spontaneous())
        focusFirstField();
}

void DefinitionEditor::focusFirstField()
{
    // The first field the user can change: the name when creating, the first unlocked one when
    // editing (the name is changed elsewhere then).
    for (QWidget *field : std::initializer_list<QWidget *>{m_name, m_description, m_sourceType, m_connection,
                                                           m_database, m_defaultSchema, m_retention}) {
        if (field->isEnabled() && field->isVisibleTo(this)) {
            field->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
}

void DefinitionEditor::showBusy(const QString &text)
{
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    m_cancel->setEnabled(true);
    showMessage(text, false);
}

void DefinitionEditor::applyStarted()
{
    m_applying = true;
    // The form's content goes to disk before the request leaves: an Apply within the autosave
    // delay of the last edit, then a crash while the update is in flight, would lose it.
    if (m_backend->isDirty())
        m_drafts->save();
    showBusy(tr("Applying…"));
    refreshActions();
}

void DefinitionEditor::loadStarted(const QString &text)
{
    m_loading = true;
    m_loadFailed = false;
    showBusy(text);
    refreshActions();
}

void DefinitionEditor::loadProgress(int percent, const QString &text)
{
    applyProgress(percent, text);
}

void DefinitionEditor::loadFinished(bool ok, const QString &message)
{
    m_loading = false;
    m_loadFailed = !ok;
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    showMessage(message, !ok);
    refreshActions();
    if (ok)
        focusFirstField();
}

void DefinitionEditor::applyProgress(int percent, const QString &text)
{
    if (percent < 0) {
        m_progress->setRange(0, 0);
    } else {
        m_progress->setRange(0, 100);
        m_progress->setValue(percent);
    }
    if (!text.isEmpty())
        m_status->setText(text);
}

void DefinitionEditor::applyFinished(bool ok, const QString &message)
{
    m_applying = false;
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    if (ok) {
        m_backend->markSaved(); // the draft store drops the draft
    } else {
        m_drafts->save();
        m_backend->markApplyFailed(message);
    }
    showMessage(message, !ok);
    refreshActions();
}

void DefinitionEditor::offerDraft()
{
    if (!m_drafts->hasDraft())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Restore the draft?"),
                                tr("There are unsaved changes from an earlier session (kept after a crash or a "
                                   "failed apply). Restore them?"),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("draftPrompt"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->addButton(tr("Restore"), QMessageBox::AcceptRole)->setObjectName(QStringLiteral("restoreDraft"));
    box->addButton(tr("Discard"), QMessageBox::DestructiveRole)->setObjectName(QStringLiteral("discardDraft"));
    connect(box, &QMessageBox::buttonClicked, this, [this, box](QAbstractButton *button) {
        if (box->buttonRole(button) == QMessageBox::AcceptRole) {
            if (!m_drafts->restore())
                showMessage(m_backend->lastError(), true);
        } else {
            m_drafts->discard();
        }
    });
    box->open();
}

void DefinitionEditor::pasteTables()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("pasteDialog"));
    dialog->setWindowTitle(tr("Paste tables"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->resize(480, 360);
    auto *layout = new QVBoxLayout(dialog);
    auto *help = new QLabel(tr("One table per line: schema.table, [schema].[table], \"schema\".\"table\", or schema "
                               "and table separated by a tab or comma."));
    help->setWordWrap(true);
    layout->addWidget(help);
    auto *text = new QPlainTextEdit;
    text->setObjectName(QStringLiteral("pasteText"));
    text->setPlainText(QGuiApplication::clipboard()->text());
    layout->addWidget(text, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add tables"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(dialog, &QDialog::accepted, this, [this, text] {
        if (m_backend->mirrorAll())
            m_backend->setMirrorAll(false);
        m_backend->tables()->addFromText(text->toPlainText());
    });
    dialog->open();
}

void DefinitionEditor::importTables()
{
    auto *dialog = new QFileDialog(this, tr("Import tables"), QString(), tr("Table lists (*.txt *.csv);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (m_backend->mirrorAll())
            m_backend->setMirrorAll(false);
        m_backend->tables()->importFile(path);
    });
    dialog->open();
}

void DefinitionEditor::openFile()
{
    auto *dialog = new QFileDialog(this, tr("Open mirroring.json"), QString(), tr("JSON files (*.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (DefinitionFiles::open(m_backend, path)) {
            showMessage(tr("Opened %1.").arg(path), false);
            offerDraft();
        } else {
            showMessage(m_backend->lastError(), true);
        }
    });
    dialog->open();
}

void DefinitionEditor::saveFileAs()
{
    auto *dialog = new QFileDialog(this, tr("Save mirroring.json"), QStringLiteral("mirroring.json"),
                                   tr("JSON files (*.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("json"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (DefinitionFiles::saveAs(m_backend, m_drafts, path))
            showMessage(tr("Saved %1.").arg(path), false);
        else
            showMessage(m_backend->lastError(), true);
    });
    dialog->open();
}

void DefinitionEditor::showMessage(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: %1;").arg(ThemeColours::failed(palette()).name()) : QString());
}

void DefinitionEditor::reject()
{
    // Escape, the Close button and the window's close box all end here (QDialog::closeEvent
    // calls reject()), so one place asks about unsaved changes.
    if (m_closeConfirmed || !m_backend->isDirty()) {
        // A draft is dropped only once the user has seen the definition it belongs to.
        if (!m_closeConfirmed && !m_applying && !m_loading && !m_loadFailed)
            m_drafts->discard();
        QDialog::reject();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Unsaved changes"),
                                m_applying ? tr("The definition is still being applied. Close anyway? The draft is kept.")
                                           : tr("The definition has changes that were not applied or saved. Close "
                                                "anyway? The draft is kept and offered next time."),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("unsavedPrompt"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->addButton(tr("Close"), QMessageBox::DestructiveRole)->setObjectName(QStringLiteral("closeAnyway"));
    box->addButton(tr("Keep editing"), QMessageBox::RejectRole)->setObjectName(QStringLiteral("keepEditing"));
    connect(box, &QMessageBox::buttonClicked, this, [this, box](QAbstractButton *button) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole) {
            m_drafts->save();
            m_closeConfirmed = true;
            QDialog::reject();
        }
    });
    box->open();
}

} // namespace fmc
