#pragma once

#include "app/readiness/readinessline.h"
#include "models/mirroringdefinition.h"

#include <QDialog>

#include <array>

class QLabel;
class QProgressBar;
class QPushButton;

namespace fmc {

class FabricClient;
class ReadinessCheck;
class ReadinessLineWidget;

//! \brief "Will it start?": the readiness checklist of one mirrored database, a line per check
//! with its result, a progress bar and Cancel. Before Start (Purpose::BeforeStart) it ends with a
//! Start button; Start stays possible over a failed check after one more confirmation
//! (`startAnywayConfirmation`). After a create or a definition change (Purpose::AfterSave) it
//! only shows the checklist. The calls are ReadinessCheck's; this window holds none.
class ReadinessDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Purpose { BeforeStart, AfterSave };

    ReadinessDialog(FabricClient *client, const DefinitionLimits &limits, Purpose purpose,
                    QWidget *parent = nullptr);

    //! Runs the checks for \a databaseId (named \a displayName, from the service: shown as plain text).
    void check(const QString &workspaceId, const QString &databaseId, const QString &displayName);
    Purpose purpose() const { return m_purpose; }
    QString databaseId() const { return m_databaseId; }
    ReadinessCheck *readinessCheck() const { return m_check; }
    ReadinessLineWidget *lineWidget(ReadinessLine::Check check) const { return m_lineWidgets[int(check)]; }

Q_SIGNALS:
    //! The user chose Start (after the extra confirmation when a check failed).
    void startConfirmed(const QString &workspaceId, const QString &databaseId, const QString &displayName);

public Q_SLOTS:
    //! Closing while the check runs cancels it first.
    void reject() override;

private:
    void onLineChanged(ReadinessLine::Check check);
    void onFinished(bool passed);
    void startClicked();
    void updateButtons();

    ReadinessCheck *m_check;
    Purpose m_purpose;
    QString m_workspaceId, m_databaseId, m_displayName;
    QLabel *m_heading;
    QLabel *m_verdict;
    QProgressBar *m_progress;
    std::array<ReadinessLineWidget *, ReadinessLine::CheckCount> m_lineWidgets{};
    QPushButton *m_cancel;
    QPushButton *m_again;
    QPushButton *m_start;
    QPushButton *m_close;
};

} // namespace fmc
