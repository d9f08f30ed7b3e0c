#include "app/editor/definitionfiles.h"

#include "app/editor/draftstore.h"
#include "models/definitioneditorbackend.h"
#include "models/mirroringdefinitionfile.h"

#include <QFileInfo>

namespace fmc {

bool DefinitionFiles::open(DefinitionEditorBackend *form, const QString &path)
{
    QString error;
    const auto definition = MirroringDefinitionFile::load(path, &error);
    if (!definition) {
        form->setLastError(error);
        return false;
    }
    form->fileOpened(QFileInfo(path).absoluteFilePath(), *definition);
    return true;
}

bool DefinitionFiles::save(DefinitionEditorBackend *form, DraftStore *drafts)
{
    if (form->filePath().isEmpty()) {
        form->setLastError(QStringLiteral("Choose where to save the definition first (Save As)."));
        return false;
    }
    return saveAs(form, drafts, form->filePath());
}

bool DefinitionFiles::saveAs(DefinitionEditorBackend *form, DraftStore *drafts, const QString &path)
{
    QString error;
    if (!MirroringDefinitionFile::save(path, form->definition(), &error)) {
        form->setLastError(error);
        return false;
    }
    // The draft belongs to the old file name (or "new"): drop it before the name changes.
    if (drafts)
        drafts->discard();
    form->fileSaved(QFileInfo(path).absoluteFilePath());
    return true;
}

} // namespace fmc
