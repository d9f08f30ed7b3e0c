#include "ui/environments/promotedialog.h"

#include "app/environments/rebindingstore.h"
#include "models/displaytext.h"
#include "models/fabriccicdparameters.h"
#include "ui/environments/environmentpicker.h"
#include "ui/environments/statustext.h"
#include "ui/plaintext.h"
#include "ui/readiness/readinesslinewidget.h"
#include "ui/themecolours.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fmc {

namespace {

//! A "from → [to]" row of the rebinding form: the source's value as plain text, then the edit.
QLineEdit *rebindingRow(QFormLayout *form, const QString &title, const QString &objectName, QLabel **from)
{
    auto *row = new QHBoxLayout;
    *from = new QLabel;
    (*from)->setTextFormat(Qt::PlainText);
    (*from)->setTextInteractionFlags(Qt::TextSelectableByMouse);
    (*from)->setMinimumWidth(220);
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setClearButtonEnabled(true);
    edit->setAccessibleName(QObject::tr("%1 on the target").arg(QString(title).remove(u'&').remove(u':')));
    row->addWidget(*from, 1);
    row->addWidget(new QLabel(QStringLiteral("→")));
    row->addWidget(edit, 1);
    auto *label = new QLabel(title);
    label->setBuddy(edit); // the mnemonic moves to the edit (addRow(text, layout) sets no buddy)
    form->addRow(label, row);
    return edit;
}

} // namespace

PromoteDialog::PromoteDialog(const EnvironmentTarget &source, const QString &workspaceId, const QString &databaseId,
                             const QString &name, const EnvironmentTargets &targets, const DefinitionLimits &limits,
                             QWidget *parent)
    : QDialog(parent)
    , m_source(source)
    , m_workspaceId(workspaceId)
    , m_databaseId(databaseId)
    , m_sourceName(name)
    , m_limits(limits)
    , m_promoter(new DefinitionPromoter(this))
{
    setObjectName(QStringLiteral("promoteDialog"));
    setWindowTitle(tr("Promote %1").arg(displayText(name)));
    resize(980, 780);
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(tr("Copy the definition of %1 (%2) to another workspace or tenant: it is created there, "
                                "or updated in place when a database of that name exists.")
                                 .arg(displayText(name), displayText(source.label)));
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *targetBox = new QGroupBox(tr("Target"));
    m_target = new EnvironmentPicker(targets, EnvironmentPicker::Mode::Workspace, targetBox);
    m_target->setObjectName(QStringLiteral("targetPicker"));
    (new QVBoxLayout(targetBox))->addWidget(m_target);
    layout->addWidget(targetBox);

    auto *mapBox = new QGroupBox(tr("Rebinding (empty keeps the source's value)"));
    auto *mapLayout = new QVBoxLayout(mapBox);
    auto *form = new QFormLayout;
    m_connection = rebindingRow(form, tr("&Connection ID:"), QStringLiteral("connectionTo"), &m_connectionFrom);
    m_database = rebindingRow(form, tr("Data&base:"), QStringLiteral("databaseTo"), &m_databaseFrom);
    m_schema = rebindingRow(form, tr("Default &schema:"), QStringLiteral("schemaTo"), &m_schemaFrom);
    m_name = rebindingRow(form, tr("Display &name:"), QStringLiteral("nameTo"), &m_nameFrom);
    mapLayout->addLayout(form);
    auto *files = new QHBoxLayout;
    m_loadMap = new QPushButton(tr("&Load map…"));
    m_loadMap->setObjectName(QStringLiteral("loadMap"));
    m_saveMap = new QPushButton(tr("Sa&ve map…"));
    m_saveMap->setObjectName(QStringLiteral("saveMap"));
    m_exportYml = new QPushButton(tr("Export &parameter.yml…"));
    m_exportYml->setObjectName(QStringLiteral("exportParameterYml"));
    m_exportYml->setToolTip(tr("The connection and database rebinding as fabric-cicd find_replace entries"));
    files->addWidget(m_loadMap);
    files->addWidget(m_saveMap);
    files->addWidget(m_exportYml);
    files->addStretch(1);
    mapLayout->addLayout(files);
    layout->addWidget(mapBox);

    auto *actions = new QHBoxLayout;
    m_dryRun = new QPushButton(tr("&Dry run"));
    m_dryRun->setObjectName(QStringLiteral("dryRunButton"));
    m_dryRun->setToolTip(tr("Read and check everything, show the request, write nothing"));
    m_promote = new QPushButton(tr("&Promote"));
    m_promote->setObjectName(QStringLiteral("promoteButton"));
    m_cancel = new QPushButton(tr("C&ancel"));
    m_cancel->setObjectName(QStringLiteral("cancelPromote"));
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("promoteProgress"));
    m_progress->hide();
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("promoteStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    actions->addWidget(m_dryRun);
    actions->addWidget(m_promote);
    actions->addWidget(m_cancel);
    actions->addWidget(m_progress);
    actions->addWidget(m_status, 1);
    layout->addLayout(actions);

    auto *splitter = new QSplitter(Qt::Vertical);
    m_checks = new QTreeWidget;
    m_checks->setObjectName(QStringLiteral("promoteChecks"));
    m_checks->setAccessibleName(tr("Checks on the target"));
    m_checks->setHeaderLabels({tr("Check"), tr("Result"), tr("Details")});
    m_checks->setWordWrap(true);
    splitter->addWidget(m_checks);
    m_preview = new QPlainTextEdit;
    m_preview->setObjectName(QStringLiteral("requestPreview"));
    m_preview->setAccessibleName(tr("The request Promote sends"));
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setPlaceholderText(tr("Dry run shows here the exact request Promote sends, each Base64 part decoded for reading."));
    splitter->addWidget(m_preview);
    splitter->setSizes({150, 450}); // a few checks; the request is the long read
    layout->addWidget(splitter, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_dryRun, &QPushButton::clicked, this, [this] { run(false); });
    connect(m_promote, &QPushButton::clicked, this, &PromoteDialog::confirmThenApply);
    connect(m_cancel, &QPushButton::clicked, m_promoter, &DefinitionPromoter::cancel);
    connect(m_target, &EnvironmentPicker::changed, this, &PromoteDialog::onTargetChanged);
    for (QLineEdit *edit : {m_connection, m_database, m_schema, m_name})
        connect(edit, &QLineEdit::textChanged, this, &PromoteDialog::updateButtons);
    connect(m_loadMap, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load a rebinding map"), QString(), tr("Rebinding maps (*.json)"));
        if (!path.isEmpty())
            loadMapFile(path);
    });
    connect(m_saveMap, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the rebinding map"), QStringLiteral("rebinding.json"),
                                                          tr("Rebinding maps (*.json)"));
        if (!path.isEmpty())
            saveMapFile(path);
    });
    connect(m_exportYml, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export parameter.yml"), QStringLiteral("parameter.yml"),
                                                          tr("fabric-cicd parameters (*.yml)"));
        if (!path.isEmpty())
            exportParameterFile(path);
    });
    connect(m_promoter, &DefinitionPromoter::sourceLoaded, this, &PromoteDialog::onSourceLoaded);
    connect(m_promoter, &DefinitionPromoter::progress, this, [this](int done, int total, const QString &what) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        showStatus(what, false);
    });
    connect(m_promoter, &DefinitionPromoter::checksReady, this, &PromoteDialog::showChecks);
    connect(m_promoter, &DefinitionPromoter::finished, this, &PromoteDialog::onFinished);
    connect(m_promoter, &DefinitionPromoter::cancelled, this, [this](const QString &message) {
        m_writing = false;
        showStatus(message, false);
    });

    m_nameFrom->setText(displayText(name));
    m_promoter->loadSource(DefinitionSource{source, workspaceId, databaseId, name, std::nullopt});
    updateButtons();
}

void PromoteDialog::onSourceLoaded(const MirroringDefinition &definition)
{
    m_sourceDefinition = definition;
    const RebindingMap identity = RebindingMap::identity(definition, m_sourceName);
    const auto shown = [](const QString &value) { return value.isEmpty() ? tr("(none)") : displayText(value); };
    m_connectionFrom->setText(shown(identity.connection.from));
    m_databaseFrom->setText(shown(identity.database.from));
    m_schemaFrom->setText(shown(identity.defaultSchema.from));
    showStatus(tr("Choose the target and what to rebind, then run a dry run."), false);
    onTargetChanged();
}

QString PromoteDialog::pairKey() const
{
    return RebindingStore::pairKey(m_source.label, m_workspaceId, m_databaseId, m_target->target().label, m_target->workspaceId());
}

void PromoteDialog::onTargetChanged()
{
    // What was chosen for this source and target last time, if anything.
    if (m_sourceDefinition && m_target->isComplete()) {
        if (const std::optional<RebindingMap> remembered = RebindingStore(m_settings).remembered(pairKey()))
            setMap(*remembered);
    }
    m_checks->clear();
    m_preview->clear();
    updateButtons();
}

RebindingMap PromoteDialog::map() const
{
    RebindingMap map = m_sourceDefinition ? RebindingMap::identity(*m_sourceDefinition, m_sourceName) : RebindingMap{};
    map.displayName.from = m_sourceName;
    map.connection.to = m_connection->text().trimmed();
    map.database.to = m_database->text().trimmed();
    map.defaultSchema.to = m_schema->text().trimmed();
    map.displayName.to = m_name->text().trimmed();
    return map;
}

void PromoteDialog::setMap(const RebindingMap &map)
{
    const RebindingMap current = this->map();
    // A map made for another source value does not apply to this one: keep the form's value.
    for (auto [edit, mine, theirs] : {std::tuple{m_connection, current.connection, map.connection},
                                      std::tuple{m_database, current.database, map.database},
                                      std::tuple{m_schema, current.defaultSchema, map.defaultSchema},
                                      std::tuple{m_name, current.displayName, map.displayName}}) {
        if (theirs.from == mine.from)
            edit->setText(theirs.to);
    }
}

bool PromoteDialog::saveMapFile(const QString &path)
{
    QString why;
    if (!RebindingStore::saveFile(path, map(), &why)) {
        showStatus(why, true);
        return false;
    }
    showStatus(tr("Rebinding map saved to %1.").arg(path), false);
    return true;
}

bool PromoteDialog::loadMapFile(const QString &path)
{
    QString why;
    const std::optional<RebindingMap> loaded = RebindingStore::loadFile(path, &why);
    if (!loaded) {
        showStatus(why, true);
        return false;
    }
    setMap(*loaded);
    showStatus(tr("Rebinding map loaded from %1.").arg(path), false);
    return true;
}

bool PromoteDialog::exportParameterFile(const QString &path)
{
    const QString environment = m_target->target().label.isEmpty() ? QStringLiteral("PROD") : m_target->target().label;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(FabricCicdParameters::parameterYml(map(), environment).toUtf8()) < 0
        || !file.commit()) {
        showStatus(tr("parameter.yml could not be written to %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    showStatus(tr("parameter.yml written to %1 for environment %2.").arg(path, environment), false);
    return true;
}

PromotePlan PromoteDialog::plan() const
{
    PromotePlan plan;
    plan.source = DefinitionSource{m_source, m_workspaceId, m_databaseId, m_sourceName, std::nullopt};
    plan.target = m_target->target();
    plan.targetWorkspaceId = m_target->workspaceId();
    plan.map = map();
    plan.limits = m_limits;
    return plan;
}

void PromoteDialog::confirmThenApply()
{
    const EnvironmentTarget target = m_target->target();
    if (!target.production) {
        run(true);
        return;
    }
    // A production target asks once more (issue #21, profiles marked production).
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Promote to production"),
                                tr("Promote %1 to %2, a production tenant?").arg(displayText(m_sourceName), displayText(target.label)),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmProduction"));
    box->setInformativeText(tr("It will be created or its definition updated there as %1.").arg(displayText(map().targetName())));
    box->addButton(tr("Promote"), QMessageBox::AcceptRole)->setObjectName(QStringLiteral("confirmPromote"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    showPlainText(box);
    connect(box, &QMessageBox::accepted, this, [this] { run(true); });
    box->open();
}

void PromoteDialog::run(bool write)
{
    const PromotePlan p = plan();
    RebindingStore(m_settings).remember(pairKey(), p.map);
    m_checks->clear();
    m_preview->clear();
    m_writing = write;
    m_progress->setValue(0);
    write ? m_promoter->apply(p) : m_promoter->dryRun(p);
    updateButtons();
}

void PromoteDialog::showChecks()
{
    m_checks->clear();
    for (const PromoteCheck &check : m_promoter->checks()) {
        auto *item = new QTreeWidgetItem(m_checks, {DefinitionPromoter::title(check.kind),
                                                    ReadinessLineWidget::outcomeWord(check.outcome), displayText(check.summary)});
        item->setToolTip(2, plainToolTip(check.summary));
        if (check.outcome == ReadinessLine::Outcome::Failed)
            item->setForeground(1, ThemeColours::failed(palette()));
        else if (check.outcome == ReadinessLine::Outcome::Warning)
            item->setForeground(1, ThemeColours::warning(palette()));
        if (!check.detail.isEmpty()) {
            for (const QString &line : check.detail.split(u'\n'))
                new QTreeWidgetItem(item, {QString(), QString(), displayText(line)});
            item->setExpanded(true);
        }
    }
    m_checks->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_checks->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    if (m_promoter->preview())
        m_preview->setPlainText(m_promoter->preview()->readableText());
}

void PromoteDialog::onFinished(bool ok, const QString &message)
{
    const bool wrote = m_writing && ok;
    m_writing = false;
    showStatus(message, !ok);
    if (wrote)
        emit promoted(m_target->workspaceId(), m_promoter->targetDatabaseId());
}

void PromoteDialog::showStatus(const QString &text, bool error)
{
    showStatusText(m_status, text, error);
    updateButtons();
}

void PromoteDialog::updateButtons()
{
    const bool running = m_promoter->isRunning();
    const bool ready = !running && m_sourceDefinition && m_target->isComplete();
    m_dryRun->setEnabled(ready);
    m_promote->setEnabled(ready);
    m_cancel->setEnabled(running);
    m_progress->setVisible(running);
    for (QPushButton *b : {m_saveMap, m_exportYml})
        b->setEnabled(m_sourceDefinition.has_value());
}

} // namespace fmc
