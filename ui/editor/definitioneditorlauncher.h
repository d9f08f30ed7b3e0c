#pragma once

#include "models/mirroringdefinition.h"

#include <QString>

class QWidget;

namespace fmc {

class DefinitionEditor;
class FabricClient;

//! \brief The ways into the definition editor, for the main window (and the command line).
//!
//! Each call builds a DefinitionEditor wired to the Fabric API through a
//! DefinitionEditorService (a child of the editor), shows it non-modal and returns it. The editor
//! deletes itself when closed (Qt::WA_DeleteOnClose). Connect to
//! DefinitionEditor::databaseSaved(workspaceId, databaseId, created) to refresh after a
//! successful create or update. After a successful create the editor closes itself.
//! \a limits are the table limits the editor validates against (ConsoleSettings::definitionLimits()).
class DefinitionEditorLauncher
{
public:
    //! A form to create a mirrored database in \a workspaceId, with the user's connections.
    static DefinitionEditor *openCreate(FabricClient *client, const QString &workspaceId, QWidget *parent = nullptr,
                                        const DefinitionLimits &limits = {});
    //! The definition of \a databaseId, loaded with getDefinition (progress, Cancel) and applied with
    //! updateDefinition after a diff; the fields the current mirroring status locks are read-only.
    static DefinitionEditor *openEdit(FabricClient *client, const QString &workspaceId, const QString &databaseId,
                                      QWidget *parent = nullptr, const DefinitionLimits &limits = {});
    //! Offline: a `mirroring.json` file (open, save, save as); an empty \a path starts untitled.
    static DefinitionEditor *openFile(const QString &path, QWidget *parent = nullptr,
                                      const DefinitionLimits &limits = {});
};

} // namespace fmc
