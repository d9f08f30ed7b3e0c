#include "app/settings/autostartentry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace fmc {
namespace {

//! Quotes one Exec argument as the Desktop Entry spec asks: reserved characters make it a quoted
//! string in which `"`, `` ` ``, `$` and `\` are escaped; `%` is doubled so it is no field code.
QString execArgument(QString argument)
{
    argument.replace(QLatin1Char('%'), QLatin1String("%%"));
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    if (std::none_of(argument.cbegin(), argument.cend(), [](QChar c) { return reserved.contains(c); }))
        return argument;
    QString quoted;
    for (const QChar c : std::as_const(argument)) {
        if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') || c == QLatin1Char('\\'))
            quoted += QLatin1Char('\\');
        quoted += c;
    }
    // The spec's escape rules apply again to the whole value of a string key: backslashes double.
    quoted.replace(QLatin1String("\\"), QLatin1String("\\\\"));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

AutostartEntry::AutostartEntry(QString executable)
    : m_executable(std::move(executable))
{
}

QString AutostartEntry::path()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
           + QStringLiteral("/autostart/fabric-mirroring-console.desktop");
}

bool AutostartEntry::isEnabled() const
{
    return QFileInfo::exists(path());
}

QString AutostartEntry::contents() const
{
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Fabric Mirroring Console (background watch)\n"
                          "Comment=Watches the chosen mirrored databases from the system tray\n"
                          "Exec=%1 --background\n"
                          "Icon=fabric-mirroring-console\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=true\n")
        .arg(execArgument(m_executable));
}

QString AutostartEntry::setEnabled(bool enabled) const
{
    const QString file = path();
    if (!enabled) {
        if (QFileInfo::exists(file) && !QFile::remove(file))
            return QCoreApplication::translate("fmc::AutostartEntry", "Could not remove %1.").arg(file);
        return {};
    }
    if (!QDir().mkpath(QFileInfo(file).absolutePath()))
        return QCoreApplication::translate("fmc::AutostartEntry", "Could not create %1.").arg(QFileInfo(file).absolutePath());
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Text) || out.write(contents().toUtf8()) < 0 || !out.commit())
        return QCoreApplication::translate("fmc::AutostartEntry", "Could not write %1: %2").arg(file, out.errorString());
    return {};
}

} // namespace fmc
