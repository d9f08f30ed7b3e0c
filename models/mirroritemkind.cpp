#include "mirroritemkind.h"

#include <algorithm>

namespace fmc {

MirrorItemKind::Kind MirrorItemKind::of(const QString &type)
{
    // The API spells item types in PascalCase; compare case-insensitively all the same.
    if (type.compare(QLatin1String("MirroredDatabase"), Qt::CaseInsensitive) == 0)
        return MirroredDatabase;
    if (type.compare(QLatin1String("MirroredCatalog"), Qt::CaseInsensitive) == 0)
        return MirroredCatalog;
    if (type.compare(QLatin1String("MirroredAzureDatabricksCatalog"), Qt::CaseInsensitive) == 0)
        return AzureDatabricksCatalog;
    if (type.compare(QLatin1String("SQLDatabase"), Qt::CaseInsensitive) == 0)
        return SqlDatabase;
    // An unknown type's text comes from the service and goes into the fleet's search filter
    // (`Type eq '…'`) and onto the screen: only what reads as a type name is taken for a mirror.
    if (type.startsWith(QLatin1String("Mirrored"), Qt::CaseInsensitive) && type.size() <= kMaxTypeLength
        && std::all_of(type.cbegin(), type.cend(), [](QChar c) { return c.unicode() < 128 && c.isLetterOrNumber(); }))
        return OtherMirror;
    return NotMirror;
}

bool MirrorItemKind::listedBesideDatabases(const QString &type)
{
    const Kind kind = of(type);
    return kind != NotMirror && kind != MirroredDatabase;
}

QStringList MirrorItemKind::knownTypes()
{
    // A Mirrored* type added to the enum later is listed by the main window's pane (the generic
    // item list) until it is named here.
    return {QStringLiteral("MirroredDatabase"), QStringLiteral("MirroredCatalog"),
            QStringLiteral("MirroredAzureDatabricksCatalog"), QStringLiteral("MirroredWarehouse"),
            QStringLiteral("SQLDatabase")};
}

bool MirrorItemKind::isKnownType(const QString &type)
{
    return knownTypes().contains(type, Qt::CaseInsensitive);
}

QString MirrorItemKind::whyNoRefreshMetadata(Kind kind, const QString &type)
{
    switch (kind) {
    case MirroredCatalog:
    case AzureDatabricksCatalog:
        return {};
    case SqlDatabase:
        return tr("A SQL database has no catalog metadata to refresh.");
    case MirroredDatabase:
        return tr("Use Refresh SQL endpoint for a mirrored database.");
    case OtherMirror:
        return tr("%1 is shown read-only: this console has no calls for it.").arg(type);
    case NotMirror:
        break;
    }
    return tr("Select a mirrored catalog.");
}

QString MirrorItemKind::whyNoStartStop(Kind kind, const QString &type)
{
    switch (kind) {
    case SqlDatabase:
        return {};
    case MirroredCatalog:
        return tr("The mirrored catalog API has no start or stop; it mirrors while its definition selects tables.");
    case AzureDatabricksCatalog:
        return tr("An Azure Databricks catalog has no start or stop; use Refresh catalog metadata to sync it.");
    case MirroredDatabase:
        return tr("Use the main toolbar's Start and Stop for a mirrored database.");
    case OtherMirror:
        return tr("%1 is shown read-only: this console has no calls for it.").arg(type);
    case NotMirror:
        break;
    }
    return tr("Select a SQL database.");
}

QString MirrorItemKind::noStatusText(Kind kind)
{
    switch (kind) {
    case SqlDatabase:
        return tr("No status call");
    case OtherMirror:
        return tr("Read-only");
    default:
        return {};
    }
}

QString MirrorItemKind::noStatusExplanation(Kind kind)
{
    switch (kind) {
    case SqlDatabase:
        return tr("The SQL database API has no mirroring status call: this console cannot tell whether its "
                  "mirroring runs, and does not guess.");
    case OtherMirror:
        return tr("This console has no calls for this item type: it is listed read-only, its type as Fabric "
                  "gives it.");
    default:
        return {};
    }
}

QString MirrorItemKind::typeText(Kind kind, const QString &type)
{
    switch (kind) {
    case MirroredCatalog:
        return tr("Mirrored catalog (preview)");
    case AzureDatabricksCatalog:
        return tr("Azure Databricks catalog");
    case SqlDatabase:
        return tr("SQL database");
    case MirroredDatabase:
        return tr("Mirrored database");
    default:
        return type;
    }
}

} // namespace fmc
