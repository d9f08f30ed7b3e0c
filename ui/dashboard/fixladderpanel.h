#pragma once

#include "models/errorexplanation.h"
#include "models/mirroringdefinition.h"
#include "models/mirroringstatusresponse.h"
#include "models/tablemirroringstatus.h"

#include <QGroupBox>
#include <QHash>
#include <QPointer>

#include <optional>

class QAction;
class QLabel;
class QMessageBox;
class QProgressBar;
class QPushButton;

namespace fmc {

class FabricClient;
class MirroringRestart;
class TableResync;

//! \brief The dashboard's "why is it failing, and what do I do" pane for the selected table:
//! the error explained (or shown raw with its request id when unknown), then a ladder of fixes,
//! smallest first, each behind a confirmation that states its cost:
//!  1. refresh the SQL analytics endpoint (an action from elsewhere: setEndpointRefreshAction());
//!  2. re-sync this table (TableResync: out of the definition and back in);
//!  3. stop and start mirroring (MirroringRestart: every table reseeded).
//! A rung that cannot run says why in its tooltip. Re-sync and restart show their step with a
//! progress bar and a Cancel button; the window stays usable meanwhile.
class FixLadderPanel : public QGroupBox
{
    Q_OBJECT
public:
    //! What the panel is about: one table of one database, as the dashboard last saw them.
    struct Subject {
        QString workspaceId;
        QString databaseId;
        QString databaseName;
        std::optional<TableMirroringStatus> table;       //!< none: no table selected
        std::optional<MirroringStatusResponse> database; //!< absent until the first refresh
        QList<MountedTable> currentTables;               //!< every table the database reports now
    };

    explicit FixLadderPanel(FabricClient *client, QWidget *parent = nullptr);
    ~FixLadderPanel() override;

    //! \brief The SQL endpoint refresh action of the first rung (not owned); nullptr: the rung
    //! shows "not available". The action keeps its own progress and confirmation of options.
    void setEndpointRefreshAction(QAction *action);
    void setSubject(const Subject &subject);
    const Subject &subject() const { return m_subject; }

    QPushButton *refreshEndpointButton() const { return m_rung1; }
    QPushButton *resyncButton() const { return m_rung2; }
    QPushButton *restartButton() const { return m_rung3; }
    QPushButton *writeTableListButton() const { return m_writeList; }
    QPushButton *cancelButton() const { return m_cancel; }
    TableResync *resync() const { return m_resync; }
    MirroringRestart *restart() const { return m_restart; }
    bool isBusy() const;

    //! The explanation title, meaning and raw error as shown (plain text), for tests.
    QString explanationText() const;
    //! The Learn link's target shown, empty when none.
    QUrl learnUrl() const { return m_shownUrl; }

Q_SIGNALS:
    //! A re-sync, table list write or restart ended (the dashboard refreshes at once).
    void fixFinished(bool ok, const QString &message);

private:
    void updateExplanation();
    void updateGating();
    void confirmEndpointRefresh();
    void confirmResync();
    void confirmWriteTableList();
    void confirmRestart();
    void showRestartConfirmation(const QString &sourceType);
    QMessageBox *confirmation(const QString &objectName, const QString &title, const QString &text,
                              const QString &informative, const QString &yes);
    void showProgress(int step, int steps, const QString &text, bool cancellable);
    void showResult(bool ok, const QString &message);
    QString tableName() const;

    FabricClient *m_client;
    TableResync *m_resync;
    MirroringRestart *m_restart;
    QPointer<QAction> m_endpointAction;
    Subject m_subject;
    QHash<QString, QString> m_sourceTypes; //!< database id → source type, once read
    QString m_pendingRestartDatabase;      //!< waiting for its source type before confirming
    QUrl m_shownUrl;
    QLabel *m_subjectLabel;
    QLabel *m_title;
    QLabel *m_explanation;
    QLabel *m_raw;
    QLabel *m_learn;
    QPushButton *m_rung1;
    QPushButton *m_rung2;
    QPushButton *m_rung3;
    QPushButton *m_writeList;
    QProgressBar *m_progress;
    QLabel *m_progressLabel;
    QPushButton *m_cancel;
    QLabel *m_result;
    bool m_mirrorAll = false; //!< the last re-sync found a mirror-all definition for this database
    QString m_mirrorAllDatabase;
};

} // namespace fmc
