#pragma once

// The secret scanner shared by tst_auth_secrets, tst_secrets_hygiene and tst_soak ("No secrets in
// logs or on disk" in docs/reliability-matrix.md): a message handler that keeps every log line, and a search for canaries (tokens, codes,
// secrets) in text and in every file under a set of directories, which also catches a truncated
// copy of a canary. Each user plants a canary of its own and checks it is found, so a scan that
// silently sees nothing cannot pass.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QStringList>

namespace secretscan {

// Pieces of a canary that no harmless text contains, so that a truncated copy is caught too:
// the first and last 20 characters of each part that varies (a JWT's payload and signature; its
// header is the same for every token and not secret), or of the whole value.
inline QStringList fragments(const QString &secret)
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

inline bool leaks(const QString &text, const QString &secret)
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

//! The canaries of \a canaries that \a text holds (whole or a fragment).
inline QStringList leaked(const QString &text, const QStringList &canaries)
{
    QStringList found;
    for (const QString &canary : canaries)
        if (leaks(text, canary))
            found << canary;
    return found;
}

//! The first line of \a text that holds \a canary (whole or a fragment), cut to 300 characters
//! around it and with the canary's pieces replaced, so that a failure message shows where.
inline QString whereLeaked(const QString &text, const QString &canary)
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

//! What a scan of directories found.
struct FileScan {
    QStringList files;    //!< every file read
    QStringList findings; //!< "<path> holds <first 8 characters>..." per canary and file
};

inline FileScan scanFiles(const QStringList &directories, const QStringList &canaries)
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

//! Every message of every category, "category: text", from whichever thread logged it.
class LogCapture
{
public:
    static void install()
    {
        const QMutexLocker lock(&mutex());
        lines().clear();
        previous() = qInstallMessageHandler(&LogCapture::handle);
    }
    static void uninstall()
    {
        qInstallMessageHandler(previous());
    }
    //! Every level of every `fmc.*` category on (with \a everything, Qt's own client-side
    //! categories too),
    //! whatever QT_LOGGING_RULES says: ctest sets `*.debug=false`, and environment rules beat
    //! QLoggingCategory::setFilterRules(), so a scan relying on those would see no debug line.
    static void enableAllLevels(bool everything = false)
    {
        all() = everything;
        previousFilter() = QLoggingCategory::installFilter(&LogCapture::filter);
    }
    static QString text()
    {
        const QMutexLocker lock(&mutex());
        return lines().join(QLatin1Char('\n'));
    }
    static void clear()
    {
        const QMutexLocker lock(&mutex());
        lines().clear();
    }
    //! Also hand warnings (and \a alsoCategory at any level) to the previous handler, so the
    //! test output still shows them.
    static void setEchoCategory(const char *category) { echoCategory() = category; }

private:
    static void filter(QLoggingCategory *category)
    {
        if (previousFilter())
            previousFilter()(category);
        // Not qt.httpserver: that is the in-process sandbox's server, which prints every request
        // it receives, Authorization header included; it is the emulator, not the console.
        const char *name = category->categoryName();
        const bool ours = (all() && qstrncmp(name, "qt.httpserver", 13) != 0) || qstrncmp(name, "fmc", 3) == 0
            || qstrcmp(name, "default") == 0;
        if (ours)
            for (QtMsgType type : {QtDebugMsg, QtInfoMsg, QtWarningMsg, QtCriticalMsg})
                category->setEnabled(type, true);
    }
    static QLoggingCategory::CategoryFilter &previousFilter()
    {
        static QLoggingCategory::CategoryFilter f = nullptr;
        return f;
    }
    static bool &all()
    {
        static bool a = false;
        return a;
    }
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        {
            const QMutexLocker lock(&mutex());
            lines() << QString::fromLatin1(context.category ? context.category : "default") + QLatin1String(": ")
                    + message;
        }
        const bool echo = type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg
            || (echoCategory() && context.category && qstrcmp(context.category, echoCategory()) == 0);
        if (echo && previous())
            previous()(type, context, message);
    }
    static QMutex &mutex()
    {
        static QMutex m;
        return m;
    }
    static QStringList &lines()
    {
        static QStringList l;
        return l;
    }
    static QtMessageHandler &previous()
    {
        static QtMessageHandler h = nullptr;
        return h;
    }
    static const char *&echoCategory()
    {
        static const char *c = nullptr;
        return c;
    }
};

} // namespace secretscan
