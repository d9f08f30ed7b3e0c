#include "mirroritembrowser.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroredazuredatabrickscatalogrequest.h"
#include "app/api/requests/getmirroredcatalogstatusrequest.h"
#include "app/api/requests/getmirroredcatalogtablesstatusrequest.h"
#include "app/api/requests/getsqldatabaserequest.h"
#include "app/api/requests/listitemsrequest.h"
#include "models/mirroritemlistmodel.h"

namespace fmc {

MirrorItemBrowser::MirrorItemBrowser(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_model(new MirrorItemListModel(this))
{
}

void MirrorItemBrowser::showWorkspaces(const QList<Workspace> &workspaces)
{
    QHash<QString, Workspace> shown;
    for (const Workspace &workspace : workspaces)
        shown.insert(workspace.id.toLower(), workspace);
    m_shown = shown;
    // Rows of workspaces no longer shown go now; the others stay until their list answers.
    m_model->beginRefresh([this](const MirrorItemRow &row) { return !isShown(row.item.workspaceId); });
    m_model->endRefresh();
    refresh();
}

void MirrorItemBrowser::refresh()
{
    for (const Workspace &workspace : std::as_const(m_shown))
        list(workspace);
    if (m_shown.isEmpty() && m_pending == 0)
        emit idle();
}

void MirrorItemBrowser::clear()
{
    m_shown.clear();
    m_model->clear();
}

void MirrorItemBrowser::callEnded()
{
    if (--m_pending == 0)
        emit idle();
}

void MirrorItemBrowser::list(const Workspace &workspace)
{
    if (!m_client)
        return;
    auto *request = new ListItemsRequest(workspace.id);
    // One clicked workspace is listed at once; many (All workspaces, the fleet) wait behind the
    // user's actions and the main window's own lists.
    if (m_shown.size() > 1)
        request->setPriority(ApiRequest::Priority::Background);
    callStarted();
    m_client->send(request, this, [this, workspace](const ApiResult<QList<Item>> &result) {
        if (isShown(workspace.id)) {
            if (!result.ok()) {
                emit failed(tr("Could not list the items of %1: %2").arg(workspace.displayName, result.error.userMessage()));
            } else {
                m_model->setItems(workspace.id, workspace.displayName, result.value);
                int count = 0;
                for (int row = 0; row < m_model->rowCount(); ++row) {
                    const MirrorItemRow &item = m_model->rowAt(row);
                    if (item.item.workspaceId.compare(workspace.id, Qt::CaseInsensitive) != 0)
                        continue;
                    ++count;
                    refreshStatus(item);
                }
                emit listed(workspace.id, count);
            }
        }
        callEnded();
    });
}

template <typename R, typename Apply>
void MirrorItemBrowser::fetch(R *request, const QString &workspaceId, const QString &itemId, Apply apply)
{
    // Status calls wait behind the user's actions; an answer lands only if its workspace is still
    // shown (the model ignores rows it no longer has).
    request->setPriority(ApiRequest::Priority::Background);
    callStarted();
    m_client->send(request, this, [this, workspaceId, itemId, apply](const ApiResult<typename R::Value> &result) {
        if (isShown(workspaceId)) {
            if (result.ok())
                apply(result.value);
            else
                m_model->setStatusError(workspaceId, itemId, result.error.userMessage());
        }
        callEnded();
    });
}

void MirrorItemBrowser::refreshStatus(const MirrorItemRow &row)
{
    if (!m_client)
        return;
    const QString ws = row.item.workspaceId, id = row.item.id;
    switch (row.kind) {
    case MirrorItemKind::MirroredCatalog:
        fetch(new GetMirroredCatalogStatusRequest(ws, id), ws, id,
              [this, ws, id](const CatalogMirroringStatus &status) { m_model->setCatalogStatus(ws, id, status); });
        fetch(new GetMirroredCatalogTablesStatusRequest(ws, id), ws, id,
              [this, ws, id](const QList<CatalogTableStatus> &tables) { m_model->setCatalogTables(ws, id, tables); });
        break;
    case MirrorItemKind::AzureDatabricksCatalog:
        fetch(new GetMirroredAzureDatabricksCatalogRequest(ws, id), ws, id,
              [this, ws, id](const MirroredAzureDatabricksCatalog &catalog) {
                  m_model->setDatabricks(ws, id, catalog.properties.value_or(MirroredAzureDatabricksCatalog::Properties{}));
              });
        break;
    case MirrorItemKind::SqlDatabase:
        fetch(new GetSqlDatabaseRequest(ws, id), ws, id, [this, ws, id](const SqlDatabase &database) {
            m_model->setSqlDatabase(ws, id, database.properties.value_or(SqlDatabase::Properties{}));
        });
        break;
    default:
        break; // read-only: no call for this type
    }
}

} // namespace fmc
