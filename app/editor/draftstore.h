#pragma once

#include "models/json.h"

#include <QObject>
#include <QString>
#include <QTimer>

namespace fmc {

class DefinitionEditorBackend;

//! \brief The definition editor's drafts on disk: autosaved while editing, offered back after a
//! crash or a failed apply, dropped once the form is applied or saved.
//!
//! One JSON file per item, file or "new" under AppDataLocation/drafts, written with QSaveFile (all
//! or nothing, owner-only). A draft holds only what the form holds: names, IDs and the
//! definition. The editor never sees a token or a password, so none can end up here.
//! Failures are reported through the form's lastError().
class DraftStore : public QObject
{
    Q_OBJECT
public:
    //! Keeps the drafts of \a form, as its child: autosaves after its edits, drops the draft when
    //! it is saved.
    explicit DraftStore(DefinitionEditorBackend *form);
    ~DraftStore() override;

    //! Where drafts live: AppDataLocation/drafts, or the folder set for tests.
    static QString directory();
    //! Points every DraftStore at \a directory (empty: back to AppDataLocation/drafts).
    static void setDirectoryForTesting(const QString &directory);

    //! The draft file of the form (one per item, file or "new").
    QString path() const;
    //! Delay between the first change not yet in the draft and the autosave (2 s by default).
    void setAutosaveDelay(int milliseconds) { m_autosave.setInterval(milliseconds); }
    //! Writes the draft now. False and the form's lastError() on failure.
    bool save();
    //! True when a draft for the form exists and differs from what it shows.
    bool hasDraft() const;
    //! Loads the draft into the form; false and the form's lastError() when it cannot be read.
    bool restore();
    //! Removes the draft and stops a pending autosave.
    void discard();

private:
    Json draftJson() const;
    void formEdited();

    DefinitionEditorBackend *m_form;
    QTimer m_autosave;
};

} // namespace fmc
