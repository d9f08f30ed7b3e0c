#include "fixladderpanel.h"

#include "app/admin/mirroringrestart.h"
#include "app/admin/tableresync.h"
#include "ui/profiles/productiongate.h"
#include "models/displaytext.h"
#include "models/reseedcost.h"
#include "models/tablefreshness.h"
#include "ui/learnlink.h"
#include "ui/plaintext.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace fmc {

namespace {
QLabel *plainLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // names and messages come from the service
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

bool isRunning(const std::optional<MirroringStatusResponse> &status)
{
    return status && status->status.value == MirroringStatus::Running;
}
} // namespace

FixLadderPanel::FixLadderPanel(FabricClient *client, QWidget *parent)
    : QGroupBox(tr("Why it fails, and what to do"), parent)
    , m_client(client)
    , m_resync(new TableResync(client, this))
    , m_restart(new MirroringRestart(client, this))
    , m_subjectLabel(plainLabel(QStringLiteral("ladderSubject")))
    , m_title(plainLabel(QStringLiteral("ladderTitle")))
    , m_explanation(plainLabel(QStringLiteral("ladderExplanation")))
    , m_raw(plainLabel(QStringLiteral("ladderRawError")))
    , m_learn(new QLabel)
    , m_rung1(new QPushButton(tr("1. Refresh SQL endpoint")))
    , m_rung2(new QPushButton(tr("2. Re-sync this table")))
    , m_rung3(new QPushButton(tr("3. Stop and start")))
    , m_writeList(new QPushButton(tr("Write the table list…")))
    , m_progress(new QProgressBar)
    , m_progressLabel(plainLabel(QStringLiteral("ladderProgressText")))
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_result(plainLabel(QStringLiteral("ladderResult")))
{
    setObjectName(QStringLiteral("fixLadderPanel"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_learn->setObjectName(QStringLiteral("ladderLearnLink"));
    m_learn->setTextFormat(Qt::RichText); // only learnLinkHtml(): our own Learn URLs
    m_learn->setOpenExternalLinks(true);
    m_learn->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_rung1->setObjectName(QStringLiteral("ladderRefreshEndpoint"));
    m_rung2->setObjectName(QStringLiteral("ladderResyncTable"));
    m_rung3->setObjectName(QStringLiteral("ladderRestart"));
    m_writeList->setObjectName(QStringLiteral("ladderWriteTableList"));
    m_cancel->setObjectName(QStringLiteral("ladderCancel"));
    m_progress->setObjectName(QStringLiteral("ladderProgress"));
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(160);

    auto *rungs = new QHBoxLayout;
    rungs->setContentsMargins(0, 0, 0, 0);
    auto *smallest = new QLabel(tr("Smallest fix first:"));
    smallest->setTextFormat(Qt::PlainText);
    rungs->addWidget(smallest);
    rungs->addWidget(m_rung1);
    rungs->addWidget(m_rung2);
    rungs->addWidget(m_rung3);
    rungs->addWidget(m_writeList);
    rungs->addStretch(1);
    auto *progress = new QHBoxLayout;
    progress->setContentsMargins(0, 0, 0, 0);
    progress->addWidget(m_progress);
    progress->addWidget(m_progressLabel, 1);
    progress->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(3);
    layout->addWidget(m_subjectLabel);
    layout->addWidget(m_title);
    layout->addWidget(m_explanation);
    layout->addWidget(m_raw);
    layout->addWidget(m_learn);
    layout->addLayout(rungs);
    layout->addLayout(progress);
    layout->addWidget(m_result);
    m_progress->setVisible(false);
    m_progressLabel->setVisible(false);
    m_cancel->setVisible(false);
    m_writeList->setVisible(false);
    m_result->setVisible(false);

    connect(m_rung1, &QPushButton::clicked, this, &FixLadderPanel::confirmEndpointRefresh);
    connect(m_rung2, &QPushButton::clicked, this, &FixLadderPanel::confirmResync);
    connect(m_rung3, &QPushButton::clicked, this, &FixLadderPanel::confirmRestart);
    connect(m_writeList, &QPushButton::clicked, this, &FixLadderPanel::confirmWriteTableList);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_resync->isBusy())
            m_resync->cancel();
        else
            m_restart->cancel();
    });
    connect(m_resync, &TableResync::stepChanged, this, [this](TableResync::Step step, const QString &text) {
        const bool list = step == TableResync::Step::WritingTableList;
        showProgress(list ? 1 : TableResync::stepNumber(step), list ? 1 : TableResync::StepCount, text,
                     m_resync->canCancel());
    });
    connect(m_resync, &TableResync::finished, this, [this](TableResync::Outcome outcome, const QString &message) {
        if (outcome == TableResync::Outcome::MirrorAll) {
            m_mirrorAll = true;
            m_mirrorAllDatabase = m_subject.databaseId;
        } else if (outcome == TableResync::Outcome::Succeeded && m_mirrorAllDatabase == m_subject.databaseId) {
            m_mirrorAll = false; // a list was written (or the re-sync worked on one)
        }
        const bool ok = outcome == TableResync::Outcome::Succeeded;
        showResult(ok, message);
        emit fixFinished(ok, message);
    });
    connect(m_restart, &MirroringRestart::stepChanged, this, [this](MirroringRestart::Step step, const QString &text) {
        showProgress(int(step), 3, text, true);
    });
    connect(m_restart, &MirroringRestart::finished, this, [this](MirroringRestart::Outcome outcome, const QString &message) {
        const bool ok = outcome == MirroringRestart::Outcome::Succeeded;
        showResult(ok, message);
        emit fixFinished(ok, message);
    });
    connect(m_restart, &MirroringRestart::sourceTypeRead, this, [this](const QString &databaseId, const QString &type) {
        m_sourceTypes.insert(databaseId, type);
        if (databaseId != std::exchange(m_pendingRestartDatabase, QString()))
            return;
        m_progressLabel->setVisible(false);
        if (databaseId == m_subject.databaseId)
            showRestartConfirmation(type);
    });
    updateExplanation();
    updateGating();
}

FixLadderPanel::~FixLadderPanel() = default;

bool FixLadderPanel::isBusy() const
{
    return m_resync->isBusy() || m_restart->isBusy();
}

void FixLadderPanel::setEndpointRefreshAction(QAction *action)
{
    if (m_endpointAction)
        disconnect(m_endpointAction, nullptr, this, nullptr);
    m_endpointAction = action;
    if (action)
        connect(action, &QAction::changed, this, &FixLadderPanel::updateGating);
    updateGating();
}

void FixLadderPanel::setSubject(const Subject &subject)
{
    const bool otherTable = subject.databaseId != m_subject.databaseId || !subject.table != !m_subject.table
                            || (subject.table && (subject.table->sourceSchemaName != m_subject.table->sourceSchemaName
                                                  || subject.table->sourceTableName != m_subject.table->sourceTableName));
    m_subject = subject;
    if (otherTable && !isBusy())
        m_result->setVisible(false); // the last outcome was about another table
    updateExplanation();
    updateGating();
}

QString FixLadderPanel::tableName() const
{
    if (!m_subject.table)
        return {};
    return displayText(m_subject.table->sourceSchemaName + u'.' + m_subject.table->sourceTableName, 120);
}

QString FixLadderPanel::explanationText() const
{
    return QStringList{m_title->text(), m_explanation->text(), m_raw->text()}.join(u'\n');
}

void FixLadderPanel::updateExplanation()
{
    const auto &table = m_subject.table;
    QFont normal = m_rung1->font();
    normal.setBold(false);
    for (QPushButton *rung : {m_rung1, m_rung2, m_rung3})
        rung->setFont(normal);
    m_shownUrl.clear();
    if (!table) {
        m_subjectLabel->setText(tr("Select a table to see why it fails and what to do."));
        for (QLabel *label : {m_title, m_explanation, m_raw, m_learn})
            label->clear();
        return;
    }
    const TableFreshness freshness = tableFreshness(*table, QDateTime::currentDateTimeUtc());
    m_subjectLabel->setText(tr("%1 in %2: %3 (%4)")
                                .arg(tableName(), displayText(m_subject.databaseName, 80), displayText(table->status.text, 40),
                                     freshnessText(freshness)));
    std::optional<ErrorExplanation> explanation;
    if (table->error) {
        explanation = explainError(*table->error, ErrorScope::Table);
        m_raw->setText(tr("The service reported: %1").arg(displayMessage(rawErrorText(*table->error), 1000)));
        if (explanation) {
            m_title->setText(explanation->title);
            m_explanation->setText(explanation->meaning + u'\n' + tr("What to do: %1").arg(explanation->action));
            m_shownUrl = explanation->learnUrl;
        } else {
            m_title->setText(tr("An error this console does not know"));
            m_explanation->setText(tr("Its own words and the request id follow; quote the request id if you ask "
                                      "Microsoft support. The troubleshooting page lists the common causes."));
            m_shownUrl = mirroringTroubleshootingUrl();
        }
    } else {
        m_raw->clear();
        switch (freshness) {
        case TableFreshness::Stale:
            m_title->setText(tr("Not replicating"));
            m_explanation->setText(tr("The table reports no error but does not replicate (%1). If the database is "
                                      "running, re-sync the table.")
                                       .arg(displayText(table->status.text, 40)));
            break;
        case TableFreshness::Idle:
            m_title->setText(tr("Idle, not stale"));
            m_explanation->setText(tr("The table replicates without error; its last sync is old because the source "
                                      "had no changes to send. Nothing to fix."));
            break;
        case TableFreshness::CatchingUp:
            m_title->setText(tr("Catching up"));
            m_explanation->setText(tr("The table is being copied; its data is complete once it replicates."));
            break;
        case TableFreshness::Current:
            m_title->setText(tr("Replicating normally"));
            m_explanation->setText(tr("Nothing to fix. If queries do not show recent rows, the SQL endpoint may lag "
                                      "behind: refresh it (rung 1)."));
            break;
        }
    }
    m_learn->setText(learnLinkHtml(m_shownUrl, tr("Read more on Microsoft Learn")));
    const auto fix = explanation ? explanation->fix : ErrorExplanation::Fix::None;
    QPushButton *suggested = fix == ErrorExplanation::Fix::RefreshEndpoint ? m_rung1
                             : fix == ErrorExplanation::Fix::ResyncTable   ? m_rung2
                             : fix == ErrorExplanation::Fix::RestartMirroring ? m_rung3
                                                                               : nullptr;
    if (suggested) {
        QFont bold = suggested->font();
        bold.setBold(true);
        suggested->setFont(bold);
    }
}

void FixLadderPanel::updateGating()
{
    const bool busy = isBusy();
    const bool running = isRunning(m_subject.database);
    const QString status = m_subject.database ? displayText(m_subject.database->status.text, 40) : tr("not known yet");
    const QString busyReason = tr("A fix is under way: wait for it or cancel it.");

    if (!m_endpointAction) {
        m_rung1->setEnabled(false);
        m_rung1->setText(tr("1. Refresh SQL endpoint (not available)"));
        m_rung1->setToolTip(tr("Not available in this window: it was opened without the SQL endpoint refresh (open the "
                                "dashboard from the main window)."));
    } else {
        m_rung1->setText(tr("1. Refresh SQL endpoint"));
        m_rung1->setEnabled(!busy && m_endpointAction->isEnabled() && !m_subject.databaseId.isEmpty());
        m_rung1->setToolTip(busy ? busyReason
                                 : tr("Smallest: the endpoint re-reads the tables' metadata so queries see replicated "
                                      "data. Nothing is copied again."));
    }

    const bool mirrorAllHere = m_mirrorAll && m_mirrorAllDatabase == m_subject.databaseId && !m_subject.databaseId.isEmpty();
    QString resyncReason;
    if (busy)
        resyncReason = busyReason;
    else if (!m_subject.table)
        resyncReason = tr("Select a table first.");
    else if (!running)
        resyncReason = tr("Mirroring is %1: a table can be re-synced only while it runs.").arg(status);
    else if (mirrorAllHere)
        resyncReason = tr("This database mirrors all tables: write the table list first.");
    m_rung2->setEnabled(resyncReason.isEmpty());
    m_rung2->setToolTip(resyncReason.isEmpty() ? tr("Takes this table out of the definition and adds it back: only "
                                                    "this table is copied again.")
                                               : resyncReason);

    QString restartReason;
    if (busy)
        restartReason = busyReason;
    else if (m_subject.databaseId.isEmpty())
        restartReason = tr("Select a table first.");
    else if (!running)
        restartReason = tr("Mirroring is %1: stop and start needs it running.").arg(status);
    m_rung3->setEnabled(restartReason.isEmpty());
    m_rung3->setToolTip(restartReason.isEmpty() ? tr("A full reseed: every table of the database is copied again.")
                                                : restartReason);

    m_writeList->setVisible(mirrorAllHere);
    m_writeList->setEnabled(mirrorAllHere && !busy && !m_subject.currentTables.isEmpty());
    m_writeList->setToolTip(tr("Writes the %n table(s) the database reports now as its table list.", nullptr,
                               int(m_subject.currentTables.size())));
}

QMessageBox *FixLadderPanel::confirmation(const QString &objectName, const QString &title, const QString &text,
                                          const QString &informative, const QString &yes)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(objectName);
    box->setInformativeText(informative);
    box->button(QMessageBox::Yes)->setText(yes);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    showPlainText(box); // table and database names come from the service
    return box;
}

void FixLadderPanel::confirmEndpointRefresh()
{
    if (!m_endpointAction || !m_rung1->isEnabled())
        return;
    QMessageBox *box = confirmation(
        QStringLiteral("ladderEndpointConfirmation"), tr("Refresh the SQL endpoint"),
        tr("Refresh the SQL analytics endpoint of %1?").arg(displayText(m_subject.databaseName, 80)),
        tr("Cost: the endpoint re-reads the metadata of the mirrored tables, a few seconds to minutes of capacity "
           "compute. No data is copied again and replication goes on."),
        tr("Refresh"));
    QPointer<QAction> action = m_endpointAction;
    connect(box, &QMessageBox::finished, this, [box, action](int) {
        if (box->clickedButton() == box->button(QMessageBox::Yes) && action)
            action->trigger();
    });
    box->open();
}

void FixLadderPanel::confirmResync()
{
    if (!m_rung2->isEnabled() || !m_subject.table)
        return;
    const qsizetype others = std::max<qsizetype>(0, m_subject.currentTables.size() - 1);
    QMessageBox *box = confirmation(
        QStringLiteral("ladderResyncConfirmation"), tr("Re-sync one table"),
        tr("Re-sync %1 in %2?").arg(tableName(), displayText(m_subject.databaseName, 80)),
        tr("Cost: the table is taken out of the definition, then added back once it has left the tables status. Its "
           "mirrored data is dropped and copied again from a new snapshot (a full read of this table at the source); "
           "until then queries see it empty or incomplete. The other %n table(s) keep replicating.\n"
           "If any step fails or you cancel, the definition is written back exactly as it was.",
           nullptr, int(others)),
        tr("Re-sync"));
    const Subject subject = m_subject;
    connect(box, &QMessageBox::finished, this, [this, box, subject](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes) || isBusy())
            return;
        ProductionGate::confirm(this, tr("Re-sync %1.").arg(tableName()), [this, subject] {
            if (isBusy())
                return;
            m_result->setVisible(false);
            m_resync->resync(subject.workspaceId, subject.databaseId, subject.table->sourceSchemaName,
                             subject.table->sourceTableName);
            updateGating();
        });
    });
    box->open();
}

void FixLadderPanel::confirmWriteTableList()
{
    if (!m_writeList->isEnabled())
        return;
    const int count = int(m_subject.currentTables.size());
    QMessageBox *box = confirmation(
        QStringLiteral("ladderTableListConfirmation"), tr("Write the table list"),
        tr("Write the %n table(s) %1 mirrors now as its table list?", nullptr, count)
            .arg(displayText(m_subject.databaseName, 80)),
        tr("The definition mirrors all tables today, so there is no list to take one table out of. With a list, the "
           "same tables keep replicating and nothing is copied again, but tables created later at the source are no "
           "longer added on their own: add them in the definition editor."),
        tr("Write the list"));
    const Subject subject = m_subject;
    connect(box, &QMessageBox::finished, this, [this, box, subject](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes) || isBusy())
            return;
        m_result->setVisible(false);
        m_resync->writeTableList(subject.workspaceId, subject.databaseId, subject.currentTables);
        updateGating();
    });
    box->open();
}

void FixLadderPanel::confirmRestart()
{
    if (!m_rung3->isEnabled())
        return;
    if (m_sourceTypes.contains(m_subject.databaseId)) {
        showRestartConfirmation(m_sourceTypes.value(m_subject.databaseId));
        return;
    }
    // The cost depends on the source type, which only the definition names.
    m_pendingRestartDatabase = m_subject.databaseId;
    m_progressLabel->setText(tr("Reading the source type for the cost of a reseed…"));
    m_progressLabel->setVisible(true);
    m_restart->readSourceType(m_subject.workspaceId, m_subject.databaseId);
}

void FixLadderPanel::showRestartConfirmation(const QString &sourceType)
{
    const int tables = int(m_subject.currentTables.size());
    const QString type = sourceType.isEmpty() ? tr("source type not known") : displayText(sourceType, 40);
    QMessageBox *box = confirmation(
        QStringLiteral("ladderRestartConfirmation"), tr("Stop and start mirroring"),
        tr("Stop and start mirroring of %1? This is a full reseed.").arg(displayText(m_subject.databaseName, 80)),
        tr("Cost: all %n table(s) are copied again from a new snapshot; until each one replicates, queries see "
           "incomplete data.", nullptr, tables)
            + u'\n' + tr("%1: %2").arg(type, reseedCostNote(sourceType)),
        tr("Stop and start"));
    const Subject subject = m_subject;
    connect(box, &QMessageBox::finished, this, [this, box, subject](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes) || isBusy())
            return;
        ProductionGate::confirm(this, tr("Stop and start mirroring of %1.").arg(displayText(subject.databaseName, 80)),
                                [this, subject] {
                                    if (isBusy())
                                        return;
                                    m_result->setVisible(false);
                                    m_restart->restart(subject.workspaceId, subject.databaseId);
                                    updateGating();
                                });
    });
    box->open();
}

void FixLadderPanel::showProgress(int step, int steps, const QString &text, bool cancellable)
{
    m_progress->setRange(0, steps);
    m_progress->setValue(step);
    m_progressLabel->setText(tr("Step %1 of %2: %3").arg(step).arg(steps).arg(text));
    m_cancel->setEnabled(cancellable);
    m_cancel->setToolTip(cancellable ? tr("Stop; a table already taken out is put back first")
                                     : tr("Putting the definition back cannot be cancelled"));
    for (QWidget *w : {static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_progressLabel),
                       static_cast<QWidget *>(m_cancel)})
        w->setVisible(true);
    updateGating();
}

void FixLadderPanel::showResult(bool ok, const QString &message)
{
    for (QWidget *w : {static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_progressLabel),
                       static_cast<QWidget *>(m_cancel)})
        w->setVisible(false);
    m_result->setText((ok ? tr("Done: %1") : tr("Not done: %1")).arg(displayMessage(message, 1500)));
    m_result->setVisible(true);
    updateGating();
}

} // namespace fmc
