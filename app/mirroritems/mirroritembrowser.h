#pragma once

#include "models/workspace.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace fmc {

class FabricClient;
class MirrorItemListModel;
struct MirrorItemRow;

//! \brief Feeds MirrorItemListModel: the mirror items of the shown workspaces from the generic
//! item list (`GET /workspaces/{ws}/items`), then each one's status by its type's own call — a
//! mirrored catalog's mirroringStatus and tablesMirroringStatus (beta), an Azure Databricks
//! catalog's item (its syncDetails), a SQL database's item (it has no status call). Other
//! `Mirrored*` types get no call: they are listed read-only. Status calls run in the background
//! so that user actions go first; answers for a workspace no longer shown are dropped.
class MirrorItemBrowser : public QObject
{
    Q_OBJECT
public:
    explicit MirrorItemBrowser(FabricClient *client, QObject *parent = nullptr);

    MirrorItemListModel *model() const { return m_model; }

    //! Lists the items of \a workspaces (one call each) and drops the rows of any other workspace.
    void showWorkspaces(const QList<Workspace> &workspaces);
    //! Lists the shown workspaces again (keyed diff: selection and scroll survive).
    void refresh();
    //! Reads the status of one row again (after an action on it).
    void refreshStatus(const MirrorItemRow &row);
    //! Signed out: nothing of the tenant stays.
    void clear();
    //! Calls sent and not answered yet.
    int pendingCount() const { return m_pending; }

Q_SIGNALS:
    //! The items of \a workspaceId were listed (\a count mirror items among them).
    void listed(const QString &workspaceId, int count);
    //! Every list and status call of the last showWorkspaces() or refresh() has answered.
    void idle();
    //! A list failed: a sentence for the status line, with the service's error code and request id.
    void failed(const QString &message);

private:
    void list(const Workspace &workspace);
    //! Sends one status call of an item in the background; \a apply takes its value.
    template <typename R, typename Apply>
    void fetch(R *request, const QString &workspaceId, const QString &itemId, Apply apply);
    void callStarted() { ++m_pending; }
    void callEnded();
    bool isShown(const QString &workspaceId) const { return m_shown.contains(workspaceId.toLower()); }

    QPointer<FabricClient> m_client;
    MirrorItemListModel *m_model;
    QHash<QString, Workspace> m_shown; // lower-case id → workspace
    int m_pending = 0;
};

} // namespace fmc
