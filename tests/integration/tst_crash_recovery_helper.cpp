// The console's editor in a process of its own, for tst_crash_recovery to kill: the real
// ConsoleController (signed in to a separately started fabric-sandbox with its service
// principal), DefinitionEditorLauncher::openEdit and the definition editor with its draft
// storage. Driven line by line on stdin; every answer is one line on stdout:
//
//   open WORKSPACE/DATABASE  -> "loaded" (and "draft-offered" when the editor offers a draft)
//   restore                  -> clicks Restore in the draft prompt -> "restored"
//   retention N / description TEXT -> sets the field -> "ok"
//   apply                    -> Apply, then Apply in the diff -> "applying" once the update runs
//   type MS [AUTOSAVE_MS]    -> edits the description every MS ms ("typing N") without a pause,
//                               optionally with another autosave delay -> "typing"
//   dump                     -> "state <base64 JSON>": the definition bytes, name, description,
//                               retention and whether the form is dirty
// Arguments: API base URL, authority, tenant, service principal id and secret. XDG_* variables
// decide where settings and drafts go.
#include "app/dashboard/dashboardtargetresolver.h"
#include "app/editor/definitioneditorservice.h"
#include "app/editor/draftstore.h"
#include "app/monitor/statusmonitor.h"
#include "models/json.h"
#include "app/main/consolecontroller.h"
#include "ui/editor/definitioneditor.h"
#include "ui/editor/definitioneditorlauncher.h"
#include "ui/mainwindow/mainwindow.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QSocketNotifier>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

using namespace fmc;

namespace {

void say(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

class Driver : public QObject
{
public:
    explicit Driver(ConsoleController *console) : m_console(console)
    {
        connect(&m_typing, &QTimer::timeout, this, [this] {
            if (!m_editor)
                return;
            ++m_typed;
            m_editor->backend()->setDescription(QStringLiteral("typing %1").arg(m_typed));
        });
    }

    void command(const QString &line)
    {
        const QString verb = line.section(u' ', 0, 0);
        const QString rest = line.section(u' ', 1);
        if (verb == QLatin1String("open")) {
            auto *resolver = new DashboardTargetResolver(m_console->client(), this);
            connect(resolver, &DashboardTargetResolver::resolved, this, [this](const QList<WatchedDatabase> &found) {
                if (found.size() != 1) {
                    say(QStringLiteral("error not found"));
                    return;
                }
                open(found.first());
            });
            connect(resolver, &DashboardTargetResolver::failed, this,
                    [](const QString &message) { say(QStringLiteral("error ") + message); });
            resolver->resolve(rest);
        } else if (verb == QLatin1String("restore")) {
            auto *prompt = m_editor ? m_editor->findChild<QMessageBox *>(QStringLiteral("draftPrompt")) : nullptr;
            auto *restore = prompt ? prompt->findChild<QAbstractButton *>(QStringLiteral("restoreDraft")) : nullptr;
            if (!restore)
                return say(QStringLiteral("error no draft prompt"));
            restore->click();
            say(QStringLiteral("restored"));
        } else if (verb == QLatin1String("retention") && m_editor) {
            m_editor->backend()->setRetentionInDays(rest.toInt());
            say(QStringLiteral("ok"));
        } else if (verb == QLatin1String("description") && m_editor) {
            m_editor->backend()->setDescription(rest);
            say(QStringLiteral("ok"));
        } else if (verb == QLatin1String("apply") && m_editor) {
            auto *apply = m_editor->findChild<QAbstractButton *>(QStringLiteral("apply"));
            apply->click();
            auto *diff = m_editor->findChild<QDialog *>(QStringLiteral("diffDialog"));
            auto *confirm = diff ? diff->findChild<QAbstractButton *>(QStringLiteral("confirmApply")) : nullptr;
            if (!confirm)
                return say(QStringLiteral("error no diff"));
            confirm->click();
            say(m_editor->isApplying() ? QStringLiteral("applying") : QStringLiteral("error not applying"));
        } else if (verb == QLatin1String("type") && m_editor) {
            if (!rest.section(u' ', 1, 1).isEmpty())
                m_editor->drafts()->setAutosaveDelay(rest.section(u' ', 1, 1).toInt());
            m_typing.start(rest.section(u' ', 0, 0).toInt());
            say(QStringLiteral("typing"));
        } else if (verb == QLatin1String("dump") && m_editor) {
            DefinitionEditorBackend *backend = m_editor->backend();
            Json state = Json::object();
            state["definition"] = toStdString(QString::fromUtf8(backend->definition().toJsonBytes()));
            state["description"] = toStdString(backend->description());
            state["retention"] = backend->retentionInDays();
            state["dirty"] = backend->isDirty();
            state["draftPath"] = toStdString(m_editor->drafts()->path());
            say(QStringLiteral("state ") + QString::fromLatin1(dumpJson(state).toBase64()));
        } else {
            say(QStringLiteral("error unknown command ") + line);
        }
    }

private:
    void open(const WatchedDatabase &database)
    {
        m_editor = DefinitionEditorLauncher::openEdit(m_console->client(), database.workspaceId, database.databaseId,
                                                      m_console->mainWindow());
        auto *service = m_editor->findChild<DefinitionEditorService *>();
        // Connected after the launcher's own slots, so the draft prompt exists when this runs.
        connect(service, &DefinitionEditorService::loadFinished, this, [this](bool ok, const QString &message) {
            if (!ok)
                return say(QStringLiteral("error ") + message);
            say(QStringLiteral("loaded"));
            if (m_editor->findChild<QMessageBox *>(QStringLiteral("draftPrompt")))
                say(QStringLiteral("draft-offered"));
        });
    }

    ConsoleController *m_console;
    QPointer<DefinitionEditor> m_editor;
    QTimer m_typing;
    int m_typed = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("FabricMirroringConsole"));
    QApplication::setApplicationName(QStringLiteral("fabric-mirroring-console"));
    const QStringList args = QApplication::arguments();
    if (args.size() != 6) {
        std::fputs("usage: tst_crash_recovery_helper API AUTHORITY TENANT CLIENT_ID SECRET\n", stderr);
        return 2;
    }
    QSettings settings;
    ConsoleController console(&settings);
    ConsoleController::SandboxEndpoints endpoints;
    endpoints.apiBaseUrl = QUrl(args.at(1));
    endpoints.auth.authority = QUrl(args.at(2));
    endpoints.auth.tenant = args.at(3);
    endpoints.servicePrincipalId = args.at(4);
    endpoints.servicePrincipalSecret = args.at(5);
    console.useSandbox(endpoints);
    Driver driver(&console);
    QObject::connect(&console, &ConsoleController::signedIn, &app, [] { say(QStringLiteral("signed-in")); });

    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QByteArray pending;
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char buffer[4096];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            QApplication::quit(); // the test went away
            return;
        }
        pending.append(buffer, n);
        qsizetype end;
        while ((end = pending.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(pending.left(end)).trimmed();
            pending.remove(0, end + 1);
            if (!line.isEmpty())
                driver.command(line);
        }
    });
    console.start();
    return QApplication::exec();
}
