#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace fmc {

class MirroringDefinition;

//! \brief One row of a side-by-side diff: a line of the old text, of the new text, or both.
struct DiffRow {
    enum class Kind {
        Same,    //!< the line is in both texts
        Removed, //!< only in the old text (the new side is empty)
        Added,   //!< only in the new text (the old side is empty)
        Changed, //!< a removed line next to the line that replaced it
        Folded,  //!< unchanged lines left out (\a folded of them)
    };
    Kind kind = Kind::Same;
    int oldLine = 0; //!< 1-based line number in the old text, 0 when the old side is empty
    int newLine = 0; //!< 1-based line number in the new text, 0 when the new side is empty
    QString oldText;
    QString newText;
    int folded = 0;

    bool operator==(const DiffRow &other) const = default;
};

//! \brief The diff shown before Apply: which lines of `mirroring.json` change, and in words.
//!
//! rows() is computed with dtl (Debian's libdtl-dev, the shortest edit script of Wu et al.), then
//! each block of only removed or only added lines is slid to where it starts and ends at the
//! smallest indentation, so that unticking a table shows that table's whole `{ … }` entry as
//! removed instead of the end of one entry and the start of the next. Removed and added lines of
//! one change are paired row by row, so both sides stay line-aligned.
class DefinitionDiff
{
public:
    //! The rows of a side-by-side diff of \a before and \a after; runs of unchanged lines longer
    //! than twice \a context are folded into one Folded row (context < 0: nothing is folded).
    static QList<DiffRow> rows(const QStringList &before, const QStringList &after, int context = 3);
    //! The same as a unified text: lines prefixed with "  ", "- " or "+ " (nothing folded).
    static QString unifiedText(const QStringList &before, const QStringList &after);
    //! \brief What changes, in words, most important first: "2 tables removed: dbo.a, dbo.b",
    //! "retention 7 → 14 days". Names from the document are cut with textExcerpt(). Empty when
    //! the documents are equal; "other changes in mirroring.json" for what it does not describe.
    static QStringList summary(const MirroringDefinition &before, const MirroringDefinition &after);
    //! The version of dtl compiled in (for Help ▸ About).
    static QString dtlVersion();
    //! The lines of \a utf8 (no trailing empty line; CR dropped).
    static QStringList linesOf(const QByteArray &utf8);
};

} // namespace fmc
