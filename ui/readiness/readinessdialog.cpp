#include "readinessdialog.h"

#include "app/admin/mirroreddatabaseadmin.h"
#include "app/readiness/readinesscheck.h"
#include "models/displaytext.h"
#include "ui/plaintext.h"
#include "ui/readiness/readinesslinewidget.h"

#include <QDialogButtonBox>
#include <QFrame>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace fmc {

ReadinessDialog::ReadinessDialog(FabricClient *client, const DefinitionLimits &limits, Purpose purpose,
                                 QWidget *parent)
    : QDialog(parent)
    , m_check(new ReadinessCheck(client, this))
    , m_purpose(purpose)
    , m_heading(new QLabel(this))
    , m_verdict(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel check"), this))
    , m_again(new QPushButton(tr("Check again"), this))
    , m_start(new QPushButton(tr("Start mirroring"), this))
    , m_close(new QPushButton(purpose == Purpose::BeforeStart ? tr("Don't start") : tr("Close"), this))
{
    setObjectName(QStringLiteral("readinessDialog"));
    setWindowTitle(tr("Will it start?"));
    m_check->setLimits(limits);
    m_heading->setObjectName(QStringLiteral("readinessHeading"));
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setWordWrap(true);
    m_verdict->setObjectName(QStringLiteral("readinessVerdict"));
    m_verdict->setTextFormat(Qt::PlainText);
    m_verdict->setWordWrap(true);
    m_progress->setObjectName(QStringLiteral("readinessProgress"));
    m_progress->setRange(0, ReadinessLine::CheckCount);
    m_progress->setFormat(tr("%v of %m checks"));
    m_cancel->setObjectName(QStringLiteral("readinessCancel"));
    m_again->setObjectName(QStringLiteral("readinessAgain"));
    m_start->setObjectName(QStringLiteral("readinessStart"));
    m_close->setObjectName(QStringLiteral("readinessClose"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_progress);
    for (int i = 0; i < ReadinessLine::CheckCount; ++i) {
        const auto check = ReadinessLine::Check(i);
        if (i > 0) {
            auto *rule = new QFrame(this);
            rule->setFrameShape(QFrame::HLine);
            rule->setFrameShadow(QFrame::Sunken);
            layout->addWidget(rule);
        }
        m_lineWidgets[i] = new ReadinessLineWidget(check, ReadinessCheck::title(check), this);
        m_lineWidgets[i]->setObjectName(QStringLiteral("readinessLine%1").arg(i));
        layout->addWidget(m_lineWidgets[i]);
    }
    layout->addWidget(m_verdict);
    layout->addStretch();
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    buttons->addButton(m_again, QDialogButtonBox::ActionRole);
    buttons->addButton(m_start, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    layout->addWidget(buttons);
    // After adding it: the button box shows every button it is given.
    m_start->setVisible(purpose == Purpose::BeforeStart);
    // Start is never the default: Enter must not start a reseed by accident.
    m_start->setAutoDefault(false);
    m_close->setDefault(true);

    connect(m_check, &ReadinessCheck::lineChanged, this, &ReadinessDialog::onLineChanged);
    connect(m_check, &ReadinessCheck::finished, this, &ReadinessDialog::onFinished);
    connect(m_cancel, &QPushButton::clicked, m_check, &ReadinessCheck::cancel);
    connect(m_again, &QPushButton::clicked, this, [this] { check(m_workspaceId, m_databaseId, m_displayName); });
    connect(m_start, &QPushButton::clicked, this, &ReadinessDialog::startClicked);
    connect(m_close, &QPushButton::clicked, this, &ReadinessDialog::reject);
    resize(sizeHint().expandedTo(QSize(560, 0)));
}

void ReadinessDialog::check(const QString &workspaceId, const QString &databaseId, const QString &displayName)
{
    m_workspaceId = workspaceId;
    m_databaseId = databaseId;
    m_displayName = displayName;
    const QString name = displayText(displayName);
    m_heading->setText(m_purpose == Purpose::BeforeStart
                           ? tr("Before starting mirroring of %1, the console checks what Fabric needs.").arg(name)
                           : tr("%1 was saved. Will it start? The console checks what Fabric needs.").arg(name));
    m_verdict->clear();
    m_check->run(workspaceId, databaseId);
    updateButtons();
}

void ReadinessDialog::onLineChanged(ReadinessLine::Check check)
{
    m_lineWidgets[int(check)]->setLine(m_check->line(check));
    m_progress->setValue(m_check->doneCount());
    // A Stopped database reseeds every table when started: the button says so.
    m_start->setText(MirroredDatabaseAdmin::startReseeds(m_check->status()) ? tr("Start and reseed")
                                                                       : tr("Start mirroring"));
}

void ReadinessDialog::onFinished(bool passed)
{
    m_progress->setValue(m_check->doneCount());
    if (passed)
        m_verdict->setText(m_purpose == Purpose::BeforeStart ? tr("Every check passed: mirroring can start.")
                                                             : tr("Every check passed: it can be started."));
    else
        m_verdict->setText(tr("Some checks did not pass. Fix them first, or start anyway and read the "
                              "mirroring status afterwards."));
    updateButtons();
}

void ReadinessDialog::updateButtons()
{
    const bool running = m_check->isRunning();
    m_cancel->setEnabled(running);
    m_again->setEnabled(!running);
    m_start->setEnabled(!running);
}

void ReadinessDialog::startClicked()
{
    if (m_check->isRunning())
        return;
    if (m_check->passed()) {
        emit startConfirmed(m_workspaceId, m_databaseId, m_displayName);
        accept();
        return;
    }
    QStringList failed;
    for (int i = 0; i < ReadinessLine::CheckCount; ++i) {
        const auto &line = m_check->line(ReadinessLine::Check(i));
        if (line.outcome == ReadinessLine::Outcome::Failed || line.outcome == ReadinessLine::Outcome::Cancelled)
            failed << QStringLiteral("• %1: %2").arg(ReadinessCheck::title(line.check), displayText(line.summary));
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Start anyway?"),
                                tr("Start mirroring of %1 although %n check(s) did not pass?", nullptr,
                                   int(failed.size()))
                                    .arg(displayText(m_displayName)),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("startAnywayConfirmation"));
    box->setInformativeText(failed.join(QLatin1Char('\n'))
                            + tr("\n\nFabric may refuse the start, or mirroring may start and fail."));
    box->button(QMessageBox::Yes)->setText(tr("Start anyway"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    showPlainText(box);
    connect(box, &QMessageBox::finished, this, [this, box](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes))
            return;
        emit startConfirmed(m_workspaceId, m_databaseId, m_displayName);
        accept();
    });
    box->open();
}

void ReadinessDialog::reject()
{
    if (m_check->isRunning())
        m_check->cancel();
    QDialog::reject();
}

} // namespace fmc
