#pragma once

#include "app/api/typedrequest.h"
#include "models/itemdefinition.h"
#include "models/mirroreddatabase.h"

namespace fmc {

//! \brief `POST /workspaces/{ws}/mirroredDatabases` (Items_CreateMirroredDatabase) → 201
//! MirroredDatabase. Not idempotent: re-sent only after a 429 with a retry header or when the
//! connection was refused, so a retry can never create two mirrored databases. A 202 (declared
//! for the generic item create) is followed as a long-running operation with a result.
class CreateMirroredDatabaseRequest : public TypedRequest<MirroredDatabase>
{
public:
    CreateMirroredDatabaseRequest(const QString &workspaceId, const QString &displayName,
                                  const ItemDefinition &definition, const QString &description = {},
                                  const QString &folderId = {});

    //! \brief The body this request sends: `{displayName, description?, folderId?, definition}`.
    //! The definition editor's preview shows what this returns, so the two cannot differ.
    static Json body(const QString &displayName, const ItemDefinition &definition, const QString &description = {},
                     const QString &folderId = {});
};

} // namespace fmc
