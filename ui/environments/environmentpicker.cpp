#include "ui/environments/environmentpicker.h"

#include "app/environments/targetcatalog.h"
#include "app/gitfolder/gitfolderfiles.h"
#include "models/displaytext.h"
#include "models/mirroringdefinitionfile.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace fmc {

EnvironmentPicker::EnvironmentPicker(const EnvironmentTargets &targets, Mode mode, QWidget *parent)
    : QWidget(parent)
    , m_targets(targets)
    , m_mode(mode)
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);

    auto *targetRow = new QHBoxLayout;
    m_target = new QComboBox;
    m_target->setObjectName(QStringLiteral("targetBox"));
    m_target->setAccessibleName(tr("Signed-in tenant"));
    for (const EnvironmentTarget &t : m_targets)
        m_target->addItem(displayText(t.label));
    m_badge = new QLabel;
    m_badge->setObjectName(QStringLiteral("targetBadge"));
    m_badge->setTextFormat(Qt::PlainText);
    m_badge->setMargin(3);
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(m_badge);
    // A row holding a layout gets no buddy from addRow(text, …): the label is made here so its
    // mnemonic works and reads as one.
    auto *targetLabel = new QLabel(tr("&Tenant:"));
    targetLabel->setBuddy(m_target);
    form->addRow(targetLabel, targetRow);

    m_workspace = new QComboBox;
    m_workspace->setObjectName(QStringLiteral("workspaceBox"));
    m_workspace->setAccessibleName(tr("Workspace"));
    m_workspace->setPlaceholderText(tr("Listing workspaces…"));
    form->addRow(tr("&Workspace:"), m_workspace);

    // Parented even where the mode shows no database (Workspace): a hidden, unparented combo box
    // would be a top-level widget nobody deletes.
    m_database = new QComboBox(this);
    m_database->setObjectName(QStringLiteral("databaseBox"));
    m_database->setAccessibleName(tr("Mirrored database"));
    m_database->setPlaceholderText(tr("Choose a mirrored database"));
    if (mode != Mode::Workspace) {
        auto *databaseRow = new QHBoxLayout;
        databaseRow->addWidget(m_database, 1);
        if (mode == Mode::DatabaseOrFile) {
            m_fileButton = new QPushButton(tr("&File…"));
            m_fileButton->setObjectName(QStringLiteral("fileButton"));
            m_fileButton->setToolTip(tr("Compare with a mirroring.json file instead"));
            databaseRow->addWidget(m_fileButton);
            connect(m_fileButton, &QPushButton::clicked, this, [this] {
                const QString path = QFileDialog::getOpenFileName(this, tr("Open a definition"), QString(),
                                                                  tr("Definitions (*.json);;All files (*)"));
                if (!path.isEmpty())
                    openFile(path);
            });
            m_folderButton = new QPushButton(tr("&Git folder…"));
            m_folderButton->setObjectName(QStringLiteral("gitFolderButton"));
            m_folderButton->setToolTip(tr("Compare with the mirroring.json of a Fabric Git integration folder "
                                          "(<name>.MirroredDatabase) instead"));
            databaseRow->addWidget(m_folderButton);
            connect(m_folderButton, &QPushButton::clicked, this, [this] {
                const QString path = QFileDialog::getExistingDirectory(this, tr("Open a Git folder"));
                if (!path.isEmpty())
                    openGitFolder(path);
            });
        }
        auto *databaseLabel = new QLabel(tr("&Database:"));
        databaseLabel->setBuddy(m_database);
        form->addRow(databaseLabel, databaseRow);
        m_fileLabel = new QLabel;
        m_fileLabel->setObjectName(QStringLiteral("fileLabel"));
        m_fileLabel->setTextFormat(Qt::PlainText);
        m_fileLabel->hide();
        form->addRow(QString(), m_fileLabel);
    } else {
        m_database->hide();
    }
    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("pickerProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->hide();
    form->addRow(m_problem);

    connect(m_target, &QComboBox::currentIndexChanged, this, &EnvironmentPicker::onTargetChanged);
    connect(m_workspace, &QComboBox::currentIndexChanged, this, &EnvironmentPicker::onWorkspaceChanged);
    connect(m_database, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && m_file) {
            m_file.reset(); // a database picked again replaces the file
            m_fileLabel->hide();
        }
        emit changed();
    });
    if (!m_targets.isEmpty())
        onTargetChanged();
}

TargetCatalog *EnvironmentPicker::catalog(int index)
{
    if (index < 0 || index >= m_targets.size() || !m_targets[index].isValid())
        return nullptr;
    if (!m_catalogs.contains(index)) {
        auto *c = new TargetCatalog(m_targets[index].client, this);
        connect(c, &TargetCatalog::workspacesListed, this, [this, index](const QList<Workspace> &workspaces) {
            if (m_target->currentIndex() == index)
                showWorkspaces(workspaces);
        });
        connect(c, &TargetCatalog::databasesListed, this, &EnvironmentPicker::showDatabases);
        connect(c, &TargetCatalog::failed, this, &EnvironmentPicker::showProblem);
        m_catalogs.insert(index, c);
    }
    return m_catalogs.value(index);
}

void EnvironmentPicker::preselect(int targetIndex, const QString &workspaceId, const QString &databaseId)
{
    m_wantWorkspace = workspaceId;
    m_wantDatabase = databaseId;
    if (m_target->currentIndex() != targetIndex)
        m_target->setCurrentIndex(targetIndex);
    else
        onTargetChanged();
}

void EnvironmentPicker::onTargetChanged()
{
    showBadge();
    m_problem->hide();
    m_workspace->clear();
    m_database->clear();
    if (TargetCatalog *c = catalog(m_target->currentIndex()))
        c->listWorkspaces();
    else
        showProblem(tr("This tenant is no longer signed in."));
    emit changed();
}

void EnvironmentPicker::showBadge()
{
    const EnvironmentTarget t = target();
    m_badge->setText(t.production ? tr("%1 · production").arg(displayText(t.label)) : displayText(t.label));
    m_badge->setAccessibleName(m_badge->text());
    if (t.colour.isValid()) {
        // The label in its colour on white or black, whichever reads (the colour says which tenant).
        const QColor text = t.colour.lightnessF() > 0.6 ? Qt::black : Qt::white;
        m_badge->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border-radius: 3px; font-weight: bold; }")
                                   .arg(t.colour.name(), text.name()));
    } else {
        m_badge->setStyleSheet(QString());
    }
}

void EnvironmentPicker::showWorkspaces(const QList<Workspace> &workspaces)
{
    const QString want = m_wantWorkspace.isEmpty() ? workspaceId() : m_wantWorkspace;
    QSignalBlocker block(m_workspace);
    m_workspace->clear();
    m_workspace->setPlaceholderText(workspaces.isEmpty() ? tr("No workspace") : tr("Choose a workspace"));
    for (const Workspace &w : workspaces) {
        m_workspace->addItem(displayText(w.displayName), w.id);
        m_workspace->setItemData(m_workspace->count() - 1, plainToolTip(w.displayName), Qt::ToolTipRole);
    }
    m_workspace->setCurrentIndex(m_workspace->findData(want));
    m_wantWorkspace.clear();
    onWorkspaceChanged();
}

void EnvironmentPicker::onWorkspaceChanged()
{
    m_database->clear();
    if (m_mode != Mode::Workspace && !workspaceId().isEmpty()) {
        m_database->setPlaceholderText(tr("Listing mirrored databases…"));
        if (TargetCatalog *c = catalog(m_target->currentIndex()))
            c->listDatabases(workspaceId());
    }
    emit changed();
}

void EnvironmentPicker::showDatabases(const QString &workspaceId, const QList<MirroredDatabase> &databases)
{
    if (workspaceId != this->workspaceId() || sender() != catalog(m_target->currentIndex()))
        return; // an answer for what the user has left
    QSignalBlocker block(m_database);
    m_database->clear();
    m_database->setPlaceholderText(databases.isEmpty() ? tr("No mirrored database here") : tr("Choose a mirrored database"));
    for (const MirroredDatabase &db : databases) {
        m_database->addItem(displayText(db.displayName), db.id);
        m_database->setItemData(m_database->count() - 1, db.displayName, Qt::UserRole + 1);
        m_database->setItemData(m_database->count() - 1, plainToolTip(db.displayName), Qt::ToolTipRole);
    }
    if (!m_file)
        m_database->setCurrentIndex(m_database->findData(m_wantDatabase));
    m_wantDatabase.clear();
    emit changed();
}

void EnvironmentPicker::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->show();
}

bool EnvironmentPicker::openFile(const QString &path)
{
    QString why;
    std::optional<MirroringDefinition> definition = MirroringDefinitionFile::load(path, &why);
    if (!definition) {
        showProblem(why);
        return false;
    }
    useDefinition(std::move(*definition), QFileInfo(path).fileName(), tr("File: %1").arg(path));
    return true;
}

bool EnvironmentPicker::openGitFolder(const QString &directory)
{
    QString why;
    const std::optional<MirroredDatabaseGitFolder> folder = GitFolderFiles::read(directory, &why);
    std::optional<MirroringDefinition> definition;
    if (folder)
        definition = MirroringDefinition::fromJsonBytes(folder->mirroringJson(), &why);
    if (!definition) {
        showProblem(tr("%1 cannot be compared: %2").arg(directory, why));
        return false;
    }
    useDefinition(std::move(*definition), QFileInfo(directory).fileName() + QStringLiteral("/mirroring.json"),
                  tr("Git folder: %1").arg(directory));
    return true;
}

void EnvironmentPicker::useDefinition(MirroringDefinition definition, const QString &name, const QString &shownAs)
{
    m_problem->hide();
    m_file = std::move(definition);
    m_fileName = name;
    {
        QSignalBlocker block(m_database);
        m_database->setCurrentIndex(-1);
    }
    m_fileLabel->setText(displayText(shownAs));
    m_fileLabel->setToolTip(plainToolTip(shownAs));
    m_fileLabel->show();
    emit changed();
}

EnvironmentTarget EnvironmentPicker::target() const
{
    const int i = m_target->currentIndex();
    return i >= 0 && i < m_targets.size() ? m_targets[i] : EnvironmentTarget{};
}

QString EnvironmentPicker::workspaceId() const
{
    return m_workspace->currentData().toString();
}

QString EnvironmentPicker::databaseId() const
{
    return m_database->currentData().toString();
}

QString EnvironmentPicker::databaseName() const
{
    return m_file ? m_fileName : m_database->currentData(Qt::UserRole + 1).toString();
}

DefinitionSource EnvironmentPicker::source() const
{
    return DefinitionSource{target(), workspaceId(), databaseId(), databaseName(), m_file};
}

bool EnvironmentPicker::isComplete() const
{
    if (m_file)
        return true;
    if (!target().isValid() || workspaceId().isEmpty())
        return false;
    return m_mode == Mode::Workspace || !databaseId().isEmpty();
}

} // namespace fmc
