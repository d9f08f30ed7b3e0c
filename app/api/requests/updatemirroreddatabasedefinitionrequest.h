#pragma once

#include "app/api/jsonrequest.h"

namespace fmc {

//! \brief `POST .../mirroredDatabases/{id}/updateDefinition` (long-running, no result).
//! Not idempotent in effect (it may restart replication of tables), so it is re-sent only when it
//! provably did not arrive.
class UpdateMirroredDatabaseDefinitionRequest : public JsonRequest
{
    Q_OBJECT
public:
    //! \a definition is the MirroredDatabaseDefinition object (`{format?, parts: [...]}`);
    //! `updateMetadata=true` (not declared by the mirroredDatabase swagger, used by its example) is
    //! sent only when \a updateMetadata, i.e. when the definition carries a .platform part.
    UpdateMirroredDatabaseDefinitionRequest(const QString &workspaceId, const QString &mirroredDatabaseId,
                                            const Json &definition, bool updateMetadata = false);
};

} // namespace fmc
