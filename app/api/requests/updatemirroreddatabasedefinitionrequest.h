#pragma once

#include "app/api/typedrequest.h"
#include "models/itemdefinition.h"

namespace fmc {

//! \brief `POST .../mirroredDatabases/{id}/updateDefinition` (long-running, no result).
//! Not idempotent in effect (it may restart replication of tables), so it is re-sent only when it
//! provably did not arrive.
class UpdateMirroredDatabaseDefinitionRequest : public TypedRequest<NoContent>
{
public:
    //! `updateMetadata=true` (not declared by the mirroredDatabase swagger, used by its example) is
    //! sent only when \a updateMetadata, i.e. when the definition carries a .platform part.
    UpdateMirroredDatabaseDefinitionRequest(const QString &workspaceId, const QString &mirroredDatabaseId,
                                            const ItemDefinition &definition, bool updateMetadata = false);

    //! \brief The body this request sends: `{definition: {format?, parts}}`. The definition
    //! editor's preview shows what this returns, so the two cannot differ.
    static Json body(const ItemDefinition &definition);
};

} // namespace fmc
