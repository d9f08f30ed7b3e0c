#include "models/gitfoldername.h"

#include <QRegularExpression>
#include <QStringList>

namespace fmc {

namespace {

QString htmlNumber(char32_t code) { return QStringLiteral("&#%1;").arg(quint32(code)); }

bool refused(char32_t c)
{
    // What Windows refuses in a name (the strictest of the file systems a repository is cloned
    // on), plus % and & so that names with HTML numbers in them decode back to themselves.
    static const QString special = QStringLiteral("<>:\"/\\|?*%&");
    return c < 0x20 || c == 0x7f || (c < 0x80 && special.contains(QChar(char16_t(c))));
}

bool deviceName(const QString &name)
{
    // CON, PRN, AUX, NUL, COM1–9 and LPT1–9 are devices on Windows whatever follows the dot.
    static const QRegularExpression devices(QStringLiteral("^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])$"),
                                            QRegularExpression::CaseInsensitiveOption);
    return devices.match(name.trimmed()).hasMatch();
}

} // namespace

QString GitFolderName::forItem(const QString &displayName, const QString &type, const QString &logicalId)
{
    QString name;
    const QList<uint> codes = displayName.toUcs4();
    for (qsizetype i = 0; i < codes.size(); ++i) {
        const char32_t c = codes[i];
        const bool edgeSpace = c == U' ' && (i == 0 || i == codes.size() - 1);
        const bool trailingDot = c == U'.' && i == codes.size() - 1;
        if (refused(c) || edgeSpace || trailingDot || c == 0xfeff || (c >= 0xd800 && c <= 0xdfff))
            name += htmlNumber(c);
        else
            name += QString::fromUcs4(&c, 1);
    }
    // The logical ID is a GUID from the service or the file: checked like any other input.
    const bool usable = !name.isEmpty() && name.size() <= MaxNameLength && !deviceName(displayName);
    if (!usable) {
        static const QRegularExpression guid(QStringLiteral("^[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$"));
        name = guid.match(logicalId).hasMatch() ? logicalId.toLower() : QStringLiteral("item");
    }
    return name + u'.' + type;
}

QString GitFolderName::displayNameOf(const QString &directoryName, const QString &type)
{
    const QString suffix = u'.' + type;
    if (!directoryName.endsWith(suffix) || directoryName.size() == suffix.size())
        return {};
    QString name = directoryName.chopped(suffix.size());
    static const QRegularExpression number(QStringLiteral("&#([0-9]{1,7});"));
    QString decoded;
    qsizetype at = 0;
    for (auto it = number.globalMatch(name); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        decoded += name.mid(at, match.capturedStart() - at);
        const char32_t code = match.captured(1).toUInt();
        decoded += code > 0 && code <= 0x10ffff ? QString::fromUcs4(&code, 1) : match.captured();
        at = match.capturedEnd();
    }
    return decoded + name.mid(at);
}

} // namespace fmc
