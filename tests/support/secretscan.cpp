#include "tests/support/secretscan.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

namespace fmc::test::secretscan {

QStringList fragments(const QString &secret)
{
    // Only a JWT ("eyJ..." with two dots) is split: random codes and refresh tokens may hold two
    // dots too, and an empty piece would "occur" in any text.
    QStringList parts{secret};
    if (secret.startsWith(QLatin1String("eyJ")) && secret.count(QLatin1Char('.')) == 2)
        parts = {secret.section(QLatin1Char('.'), 1, 1), secret.section(QLatin1Char('.'), 2)};
    QStringList result;
    for (const QString &part : parts)
        if (part.size() >= 12)
            result << part.left(20) << part.right(20);
    return result;
}

bool leaks(const QString &text, const QString &secret)
{
    if (secret.isEmpty())
        return false;
    if (text.contains(secret))
        return true;
    for (const QString &fragment : fragments(secret))
        if (text.contains(fragment))
            return true;
    return false;
}

QStringList leaked(const QString &text, const QStringList &canaries)
{
    QStringList found;
    for (const QString &canary : canaries)
        if (leaks(text, canary))
            found << canary;
    return found;
}

QString whereLeaked(const QString &text, const QString &canary)
{
    QStringList needles{canary};
    needles << fragments(canary);
    for (const QString &needle : std::as_const(needles)) {
        const qsizetype at = text.indexOf(needle);
        if (at < 0)
            continue;
        const qsizetype begin = text.lastIndexOf(QLatin1Char('\n'), at) + 1;
        qsizetype end = text.indexOf(QLatin1Char('\n'), at);
        QString line = text.mid(begin, (end < 0 ? text.size() : end) - begin);
        for (const QString &piece : std::as_const(needles))
            line.replace(piece, QLatin1String("<SECRET>"));
        return line.left(300);
    }
    return {};
}

FileScan scanFiles(const QStringList &directories, const QStringList &canaries)
{
    FileScan scan;
    for (const QString &directory : directories) {
        if (directory.isEmpty())
            continue;
        QDirIterator it(directory, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                scan.findings << path + QLatin1String(" cannot be read");
                continue;
            }
            scan.files << path;
            const QString content = QString::fromUtf8(file.readAll());
            for (const QString &canary : leaked(content, canaries))
                scan.findings << QStringLiteral("%1 holds %2...").arg(path, canary.left(8));
        }
    }
    return scan;
}

} // namespace fmc::test::secretscan
