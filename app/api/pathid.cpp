#include "app/api/pathid.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace fmc::PathId {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("fmc::PathId", text);
}

//! The id as shown in a message: cut, with control characters made visible.
QString quoted(const QString &id)
{
    QString shown = id.left(40);
    for (QChar &c : shown)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = QChar(0xFFFD);
    return QLatin1Char('"') + shown + (id.size() > 40 ? QStringLiteral("…\"") : QStringLiteral("\""));
}

} // namespace

bool isGuid(const QString &id)
{
    static const QRegularExpression guid(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return id.size() == 36 && guid.match(id).hasMatch();
}

QString check(const QString &id)
{
    if (id.isEmpty())
        return tr("An id is empty.");
    if (id == QLatin1String(".") || id == QLatin1String(".."))
        return tr("The id %1 would change the request's path.").arg(quoted(id));
    for (const QChar c : id) {
        if (c == u'/' || c == u'\\' || c == u'?' || c == u'#' || c == u'%' || c.isSpace()
            || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return tr("The id %1 contains a character an id cannot hold.").arg(quoted(id));
    }
    return {};
}

QString checkGuid(const QString &id)
{
    if (QString why = check(id); !why.isEmpty())
        return why;
    return isGuid(id) ? QString() : tr("The id %1 is not a GUID.").arg(quoted(id));
}

QString checkPath(const QString &encodedPath)
{
    const QStringList segments = encodedPath.split(QLatin1Char('/'));
    // A path starts with '/': the first segment is the empty text before it.
    for (qsizetype i = 1; i < segments.size(); ++i) {
        const QString decoded = QUrl::fromPercentEncoding(segments[i].toUtf8());
        const QString &previous = segments[i - 1];
        // Every collection whose ids this client puts in a path holds Fabric GUIDs.
        static const QStringList guidCollections = {
            QStringLiteral("workspaces"), QStringLiteral("mirroredDatabases"), QStringLiteral("connections"),
            QStringLiteral("sqlEndpoints"), QStringLiteral("mirroredCatalogs"),
            QStringLiteral("mirroredAzureDatabricksCatalogs"), QStringLiteral("sqlDatabases"),
            QStringLiteral("items")};
        const bool guid = guidCollections.contains(previous);
        if (QString why = guid ? checkGuid(decoded) : check(decoded); !why.isEmpty())
            return why;
    }
    return {};
}

} // namespace fmc::PathId
