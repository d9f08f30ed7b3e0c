#pragma once

#include <QString>

namespace fmc {

class DefinitionEditorBackend;
class DraftStore;

//! \brief Offline mode of the definition editor: opens and saves the `mirroring.json` file its
//! form shows. Failures are reported through the form's lastError().
//!
//! Here in the app core rather than in the form: the form (models/) holds state only, so it is
//! tested without a file system, and a save must also drop the draft kept under the old name,
//! which is DraftStore's. Reading and writing the bytes themselves (bounded, UTF-8 only, atomic)
//! stay with the document, in MirroringDefinitionFile.
class DefinitionFiles
{
public:
    //! Opens \a path into \a form (mode Offline). False and a sentence in its lastError() when it cannot.
    static bool open(DefinitionEditorBackend *form, const QString &path);
    //! Saves \a form to its filePath(); false when there is none or writing fails.
    static bool save(DefinitionEditorBackend *form, DraftStore *drafts);
    //! \brief Saves \a form to \a path, which becomes its file; the draft kept under the old
    //! name (in \a drafts, may be null) is dropped.
    static bool saveAs(DefinitionEditorBackend *form, DraftStore *drafts, const QString &path);
};

} // namespace fmc
