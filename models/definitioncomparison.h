#pragma once

#include "models/definitiondiff.h"
#include "models/mirroringdefinition.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace fmc {

//! \brief One line of a comparison's semantic summary: an aspect of `mirroring.json` and its
//! value on each side, as text for the user (values come from the documents: show them with
//! displayText()).
struct ComparisonLine {
    enum class Aspect {
        SourceType,
        Connection,
        Database,
        TargetSchema,
        Retention,
        ChangeDataFeed,
        Tables,
        Other, //!< any other field of the document (its JSON paths are in the left/right texts)
    };
    Aspect aspect = Aspect::Other;
    QString left;
    QString right;
    bool differs = false;
};

//! \brief Two `mirroring.json` documents side by side: first what differs in the terms a user
//! thinks in (source type, connection, database, target schema, retention, change data feed,
//! tables only on one side, other fields), then the aligned line diff (DefinitionDiff::rows).
//! Pure: the caller fetched both documents, from a service, another tenant or a file.
class DefinitionComparison
{
public:
    static DefinitionComparison compare(const MirroringDefinition &left, const MirroringDefinition &right);

    //! Every aspect in the order above, differing or not (Other only when something else differs).
    const QList<ComparisonLine> &lines() const { return m_lines; }
    //! The aspects that differ, in the order above.
    QList<ComparisonLine::Aspect> differingAspects() const;
    bool isSame() const { return differingAspects().isEmpty(); }
    //! Tables mounted on one side only, as `schema.table` (empty when a side mirrors all data).
    const QStringList &tablesOnlyLeft() const { return m_onlyLeft; }
    const QStringList &tablesOnlyRight() const { return m_onlyRight; }
    //! JSON paths of the fields outside the named aspects whose values differ, e.g. `properties.target.typeProperties.format`.
    const QStringList &otherPaths() const { return m_otherPaths; }
    //! The side-by-side rows of the two documents' text (\a context as in DefinitionDiff::rows()).
    QList<DiffRow> diffRows(int context = 3) const;
    //! The aspect's name for the user ("Source type", "Change data feed", ...).
    static QString aspectName(ComparisonLine::Aspect aspect);

private:
    QList<ComparisonLine> m_lines;
    QStringList m_onlyLeft, m_onlyRight, m_otherPaths;
    QByteArray m_leftText, m_rightText;
};

} // namespace fmc

Q_DECLARE_METATYPE(fmc::DefinitionComparison)
