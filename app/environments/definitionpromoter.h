#pragma once

#include "app/environments/definitionsource.h"
#include "app/environments/promotecheck.h"
#include "models/itemdefinition.h"
#include "models/mirroringstatusresponse.h"
#include "models/rebindingmap.h"
#include "models/requestpreview.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace fmc {

class ApiRequest;

//! What to promote where: a source database, a target side and workspace, and the rebinding map.
struct PromotePlan {
    DefinitionSource source;
    EnvironmentTarget target;
    QString targetWorkspaceId;
    RebindingMap map;
    DefinitionLimits limits;
};

//! \brief Promote (issue #21): copies a mirrored database's definition to another workspace or
//! tenant, rebound by a RebindingMap, creating the target or updating it in place.
//!
//! Both dryRun() and apply() first read, one call after the other: the source's `getDefinition`
//! (source client), then on the target's client the workspace's `mirroredDatabases` list (is the
//! name free?), for an existing target its `getMirroringStatus` and `getDefinition` (a running
//! target takes the new tables in place, but a changed connection, database or default schema
//! only while Initialized or Stopped), and `testConnection` of the rebound connection. Then the
//! checklist (checks()) and the exact request (preview()). A dry run stops there and sends no
//! write; apply() sends the one write, `POST .../mirroredDatabases` (create) or
//! `POST .../{id}/updateDefinition`, only when no check failed. The `.platform` part of the
//! source is not copied: its logicalId belongs to the source item.
class DefinitionPromoter : public QObject
{
    Q_OBJECT
public:
    enum class Action { Undecided, Create, Update };

    explicit DefinitionPromoter(QObject *parent = nullptr);
    ~DefinitionPromoter() override;

    //! Reads only \a source's definition (for the rebinding form): sourceLoaded() or finished(false, why).
    void loadSource(const DefinitionSource &source);
    void dryRun(const PromotePlan &plan);
    void apply(const PromotePlan &plan);
    //! Stops at once: the call under way is abandoned, no further request is sent, cancelled()
    //! follows. A write already sent may still take effect: the message says so.
    void cancel();
    bool isRunning() const { return m_running; }

    const QList<PromoteCheck> &checks() const { return m_checks; }
    bool checksPassed() const;
    Action action() const { return m_action; }
    const std::optional<RequestPreview> &preview() const { return m_preview; }
    //! The target database's id, once found (update) or created.
    QString targetDatabaseId() const { return m_targetId; }
    //! The definition as it goes to the target (rebound), once read.
    const std::optional<MirroringDefinition> &promotedDefinition() const { return m_promoted; }

    //! The checklist's name for \a kind ("Definition is valid", ...).
    static QString title(PromoteCheck::Kind kind);
    //! Calls made on the way to a write, not counting it (for a progress bar): 3 for a create, 5 for an update.
    static int readSteps(Action action);

Q_SIGNALS:
    //! \a done of \a total calls; \a what is the call under way, for the status line.
    void progress(int done, int total, const QString &what);
    void checksReady();
    void sourceLoaded(const fmc::MirroringDefinition &definition);
    //! Ended: \a ok when the dry run passed or the write succeeded; \a message says what happened.
    void finished(bool ok, const QString &message);
    void cancelled(const QString &message);

private:
    void start(const PromotePlan &plan, bool write);
    void reset();
    void readSource();
    void withSource(const std::function<void(const MirroringDefinition &)> &next);
    void listTarget();
    void readTargetStatus();
    void readTargetDefinition();
    void testConnection();
    void decide();
    void write();
    void fail(const QString &message);
    void end(bool ok, const QString &message);
    void step(const QString &what);
    template <typename R, typename F>
    void call(FabricClient *client, R *request, F &&onResult);

    PromotePlan m_plan;
    bool m_write = false;
    bool m_running = false;
    bool m_writeSent = false;
    int m_generation = 0;
    int m_done = 0;
    QPointer<ApiRequest> m_request;
    Action m_action = Action::Undecided;
    QString m_targetId;
    std::optional<MirroringDefinition> m_promoted;
    std::optional<MirroringDefinition> m_targetDefinition;
    std::optional<MirroringStatusResponse> m_targetStatus;
    std::optional<PromoteCheck> m_connectionCheck;
    QList<PromoteCheck> m_checks;
    std::optional<RequestPreview> m_preview;
};

} // namespace fmc
