#pragma once

#include "models/mirroreddatabase.h"
#include "models/workspace.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace fmc {

class ApiRequest;
class FabricClient;

//! \brief What a compare or promote dialog offers on one side: the workspaces a client sees and the
//! mirrored databases of one of them. Lists again each time it is asked (a new name on the target
//! matters for promote); an answer for a workspace no longer asked for is dropped.
class TargetCatalog : public QObject
{
    Q_OBJECT
public:
    explicit TargetCatalog(FabricClient *client, QObject *parent = nullptr);
    ~TargetCatalog() override;

    FabricClient *client() const { return m_client; }
    void listWorkspaces();
    void listDatabases(const QString &workspaceId);

Q_SIGNALS:
    void workspacesListed(const QList<fmc::Workspace> &workspaces);
    void databasesListed(const QString &workspaceId, const QList<fmc::MirroredDatabase> &databases);
    void failed(const QString &message);

private:
    QPointer<FabricClient> m_client;
    QPointer<ApiRequest> m_workspacesRequest;
    QPointer<ApiRequest> m_databasesRequest;
};

} // namespace fmc
