#include "ui/environments/comparedialog.h"

#include "app/environments/definitioncomparer.h"
#include "models/displaytext.h"
#include "ui/editor/definitiondifftable.h"
#include "ui/environments/environmentpicker.h"
#include "ui/environments/statustext.h"
#include "ui/themecolours.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fmc {

CompareDialog::CompareDialog(const EnvironmentTargets &targets, QWidget *parent)
    : QDialog(parent)
    , m_comparer(new DefinitionComparer(this))
{
    setObjectName(QStringLiteral("compareDialog"));
    setWindowTitle(tr("Compare definitions"));
    resize(1000, 720);
    auto *layout = new QVBoxLayout(this);

    auto *sides = new QHBoxLayout;
    auto *leftBox = new QGroupBox(tr("Left"));
    auto *rightBox = new QGroupBox(tr("Right"));
    m_left = new EnvironmentPicker(targets, EnvironmentPicker::Mode::Database, leftBox);
    m_left->setObjectName(QStringLiteral("leftPicker"));
    m_right = new EnvironmentPicker(targets, EnvironmentPicker::Mode::DatabaseOrFile, rightBox);
    m_right->setObjectName(QStringLiteral("rightPicker"));
    (new QVBoxLayout(leftBox))->addWidget(m_left);
    (new QVBoxLayout(rightBox))->addWidget(m_right);
    sides->addWidget(leftBox, 1);
    sides->addWidget(rightBox, 1);
    layout->addLayout(sides);

    auto *actions = new QHBoxLayout;
    m_compare = new QPushButton(tr("&Compare"));
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_compare->setDefault(true);
    m_cancel = new QPushButton(tr("C&ancel"));
    m_cancel->setObjectName(QStringLiteral("cancelCompare"));
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("compareProgress"));
    m_progress->setRange(0, 2);
    m_progress->setFormat(tr("%v of %m definitions read"));
    m_progress->hide();
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    actions->addWidget(m_compare);
    actions->addWidget(m_cancel);
    actions->addWidget(m_progress);
    actions->addWidget(m_status, 1);
    layout->addLayout(actions);

    auto *splitter = new QSplitter(Qt::Vertical);
    m_summary = new QTreeWidget;
    m_summary->setObjectName(QStringLiteral("compareSummary"));
    m_summary->setAccessibleName(tr("What differs"));
    m_summary->setHeaderLabels({tr("Aspect"), tr("Left"), tr("Right")});
    m_summary->setRootIsDecorated(true);
    m_summary->setUniformRowHeights(true);
    splitter->addWidget(m_summary);
    auto *diffPane = new QWidget;
    m_diffHolder = new QVBoxLayout(diffPane);
    m_diffHolder->setContentsMargins(0, 0, 0, 0);
    auto *diffTitle = new QLabel(tr("mirroring.json, line by line:"));
    m_diffHolder->addWidget(diffTitle);
    splitter->addWidget(diffPane);
    // The summary is a few lines; the diff gets the room.
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({180, 540});
    layout->addWidget(splitter, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_compare, &QPushButton::clicked, this, &CompareDialog::startCompare);
    connect(m_cancel, &QPushButton::clicked, m_comparer, &DefinitionComparer::cancel);
    connect(m_left, &EnvironmentPicker::changed, this, &CompareDialog::updateButtons);
    connect(m_right, &EnvironmentPicker::changed, this, &CompareDialog::updateButtons);
    connect(m_comparer, &DefinitionComparer::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_comparer, &DefinitionComparer::finished, this, &CompareDialog::showComparison);
    connect(m_comparer, &DefinitionComparer::failed, this, [this](const QString &message) { showStatus(message, true); });
    connect(m_comparer, &DefinitionComparer::cancelled, this, [this] { showStatus(tr("Cancelled."), false); });
    updateButtons();
}

void CompareDialog::updateButtons()
{
    m_compare->setEnabled(!m_comparer->isRunning() && m_left->isComplete() && m_right->isComplete());
    m_cancel->setEnabled(m_comparer->isRunning());
    m_progress->setVisible(m_comparer->isRunning());
}

void CompareDialog::startCompare()
{
    m_status->clear();
    m_comparer->compare(m_left->source(), m_right->source());
    showStatus(tr("Reading both definitions…"), false);
    updateButtons();
}

void CompareDialog::showStatus(const QString &text, bool error)
{
    showStatusText(m_status, text, error);
    updateButtons();
}

void CompareDialog::showComparison(const DefinitionComparison &comparison)
{
    const QList<ComparisonLine::Aspect> differing = comparison.differingAspects();
    showStatus(differing.isEmpty() ? tr("The two definitions are the same.")
                                   : tr("%n aspect(s) differ.", nullptr, int(differing.size())),
               false);
    m_summary->clear();
    QFont bold = m_summary->font();
    bold.setBold(true);
    for (const ComparisonLine &line : comparison.lines()) {
        auto *item = new QTreeWidgetItem(m_summary, {DefinitionComparison::aspectName(line.aspect),
                                                     displayText(line.left), displayText(line.right)});
        item->setToolTip(1, plainToolTip(line.left));
        item->setToolTip(2, plainToolTip(line.right));
        if (line.differs) {
            // Bold and a sign, so the colour is not the only mark.
            item->setText(0, QStringLiteral("≠ ") + item->text(0));
            for (int c = 0; c < 3; ++c) {
                item->setFont(c, bold);
                item->setForeground(c, ThemeColours::warning(palette()));
            }
        }
        if (line.aspect == ComparisonLine::Aspect::Tables) {
            for (const QString &name : comparison.tablesOnlyLeft())
                new QTreeWidgetItem(item, {tr("only left"), displayText(name), QString()});
            for (const QString &name : comparison.tablesOnlyRight())
                new QTreeWidgetItem(item, {tr("only right"), QString(), displayText(name)});
            item->setExpanded(true);
        }
    }
    m_summary->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    delete m_diff;
    m_diff = definitionDiffTable(comparison.diffRows(), displayText(m_left->databaseName()),
                                 displayText(m_right->databaseName()), this);
    m_diff->setAccessibleName(tr("mirroring.json, left against right"));
    m_diffHolder->addWidget(m_diff, 1);
}

} // namespace fmc
