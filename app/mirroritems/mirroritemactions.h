#pragma once

#include "models/apierror.h"
#include "models/mirroritemkind.h"
#include "models/workspace.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace fmc {

class ApiRequest;
class FabricClient;
struct MirrorItemRow;

//! \brief The actions on mirror items beside mirrored databases, one at a time, with progress
//! and cancel: "Refresh catalog metadata" (a mirrored catalog's `refreshCatalogMetadata?beta=true`
//! or an Azure Databricks catalog's `refreshCatalogMetadata`, both long-running) and a SQL
//! database's Start / Stop mirroring. It says for each item and role whether an action applies
//! and, when not, why, so every window gates them the same way.
class MirrorItemActions : public QObject
{
    Q_OBJECT
public:
    enum class Action { RefreshMetadata, StartMirroring, StopMirroring };
    Q_ENUM(Action)

    struct Target {
        QString workspaceId;
        QString itemId;
        QString name;
        QString type; //!< as the service spells it
        MirrorItemKind::Kind kind = MirrorItemKind::NotMirror;
    };

    explicit MirrorItemActions(FabricClient *client, QObject *parent = nullptr);
    ~MirrorItemActions() override;

    static Target targetOf(const MirrorItemRow &row);
    //! \brief Empty when \a action may run on \a target for a caller with \a role, otherwise the
    //! sentence saying why not: the type has no such call, a Viewer role (the spec asks for
    //! Contributor or higher), or another action is running.
    QString whyNot(Action action, const Target &target, WorkspaceRole role) const;

    //! Starts \a action; false (and nothing sent) when whyNot() is not empty for an Unknown role.
    bool run(Action action, const Target &target);
    //! Ends the call under way (no further request, no service-side cancel); finished() follows
    //! with a Cancelled error.
    void cancel();
    bool isBusy() const { return !m_request.isNull(); }

    //! "Refresh catalog metadata", "Start mirroring", "Stop mirroring".
    static QString actionName(Action action);

Q_SIGNALS:
    void busyChanged(bool busy, const QString &text);
    //! The long-running operation's percentComplete (0–100), when the service reports one.
    void progress(int percent);
    void finished(fmc::MirrorItemActions::Action action, const fmc::MirrorItemActions::Target &target,
                  const fmc::ApiError &error);

private:
    QPointer<FabricClient> m_client;
    QPointer<ApiRequest> m_request;
};

} // namespace fmc

Q_DECLARE_METATYPE(fmc::MirrorItemActions::Target)
