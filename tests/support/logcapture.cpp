#include "tests/support/logcapture.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QStringList>

namespace fmc::test {

namespace {

QMutex g_mutex;
QStringList g_lines;                                    // guarded by g_mutex
QtMessageHandler g_previous = nullptr;
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;
bool g_all = false;
const char *g_echoCategory = nullptr;

void filter(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    // Not qt.httpserver: that is the in-process sandbox's server, which prints every request it
    // receives, Authorization header included; it is the emulator, not the console.
    const char *name = category->categoryName();
    const bool ours = (g_all && qstrncmp(name, "qt.httpserver", 13) != 0) || qstrncmp(name, "fmc", 3) == 0
        || qstrcmp(name, "default") == 0;
    if (ours)
        for (QtMsgType type : {QtDebugMsg, QtInfoMsg, QtWarningMsg, QtCriticalMsg})
            category->setEnabled(type, true);
}

void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker lock(&g_mutex);
        g_lines << QString::fromLatin1(context.category ? context.category : "default") + QLatin1String(": ") + message;
    }
    const bool echo = type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg
        || (g_echoCategory && context.category && qstrcmp(context.category, g_echoCategory) == 0);
    if (echo && g_previous)
        g_previous(type, context, message);
}

} // namespace

void LogCapture::install()
{
    const QMutexLocker lock(&g_mutex);
    g_lines.clear();
    g_previous = qInstallMessageHandler(&handle);
}

void LogCapture::uninstall()
{
    qInstallMessageHandler(g_previous);
}

void LogCapture::enableAllLevels(bool everything)
{
    g_all = everything;
    g_previousFilter = QLoggingCategory::installFilter(&filter);
}

QString LogCapture::text()
{
    const QMutexLocker lock(&g_mutex);
    return g_lines.join(QLatin1Char('\n'));
}

void LogCapture::clear()
{
    const QMutexLocker lock(&g_mutex);
    g_lines.clear();
}

void LogCapture::setEchoCategory(const char *category)
{
    g_echoCategory = category;
}

} // namespace fmc::test
