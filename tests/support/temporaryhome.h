#pragma once

// A temporary home for the console's per-user files: the four XDG base directories that
// QSettings and QStandardPaths read (config, data, cache, state) point below one QTemporaryDir,
// either for this process (set before anything reads them, i.e. before the QApplication) or for
// a child process's environment. Header-only: it needs QtCore alone.

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

namespace fmc::test {

class TemporaryHome
{
public:
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

    //! The config, data, cache and state directories, in that order.
    QStringList directories() const
    {
        QStringList result;
        for (const char *name : kNames)
            result << filePath(QString::fromLatin1(name));
        return result;
    }

    //! Points this process's XDG_*_HOME variables below the home.
    void exportToEnvironment() const
    {
        for (const char *name : kNames)
            qputenv(variable(name), filePath(QString::fromLatin1(name)).toUtf8());
    }

    //! Points \a environment's XDG_*_HOME variables below the home (for a child process).
    void addTo(QProcessEnvironment &environment) const
    {
        for (const char *name : kNames)
            environment.insert(QString::fromLatin1(variable(name)), filePath(QString::fromLatin1(name)));
    }

private:
    static constexpr const char *kNames[] = {"config", "data", "cache", "state"};
    static QByteArray variable(const char *name) { return "XDG_" + QByteArray(name).toUpper() + "_HOME"; }

    QTemporaryDir m_dir;
};

} // namespace fmc::test
