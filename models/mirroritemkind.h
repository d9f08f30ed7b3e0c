#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace fmc {

//! \brief What the console can do with an item, by its `type` text (kept as given: the ItemType
//! enum grows). Every item whose type starts with "Mirrored" and reads as a type name (letters and
//! digits, at most kMaxTypeLength) is a mirror; a Fabric SQL database
//! mirrors itself to OneLake. Only MirroredDatabase has the full console; the others have the
//! calls their spec gives them, and a type this version does not know is shown read-only.
class MirrorItemKind
{
    Q_DECLARE_TR_FUNCTIONS(MirrorItemKind)
public:
    enum Kind { NotMirror, MirroredDatabase, MirroredCatalog, AzureDatabricksCatalog, SqlDatabase, OtherMirror };

    static Kind of(const QString &type);
    //! \brief The longest type text taken for a mirror type (the spec's longest is 30).
    static constexpr int kMaxTypeLength = 64;
    //! Whether the item list of this feature shows it (every mirror but MirroredDatabase, which
    //! has its own list).
    static bool listedBesideDatabases(const QString &type);
    //! \brief Every mirror type of the spec's `ItemType` enum, as the service spells them. Catalog
    //! search can only name types (`Type eq '…'`): the fleet's first search names these, and a
    //! second, unfiltered one finds any other `Mirrored…` type.
    static QStringList knownTypes();
    //! Whether \a type is one of knownTypes() (case-insensitively).
    static bool isKnownType(const QString &type);

    //! \name Which action applies: an empty text when it does, otherwise the sentence saying why not
    //! @{
    static QString whyNoRefreshMetadata(Kind kind, const QString &type);
    static QString whyNoStartStop(Kind kind, const QString &type);
    //! @}
    //! The Health column's text for kinds without a status call (SQL database, other types); empty otherwise.
    static QString noStatusText(Kind kind);
    //! Why \a kind has no health to show, for the Health column's tooltip; empty for the others.
    static QString noStatusExplanation(Kind kind);
    //! The type for people ("Mirrored catalog (preview)"); unknown types as given.
    static QString typeText(Kind kind, const QString &type);
};

} // namespace fmc
