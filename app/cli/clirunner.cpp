#include "app/cli/clirunner.h"

#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/cli/applycommand.h"
#include "app/cli/checkfreshnesscommand.h"
#include "app/cli/cliexitcode.h"
#include "app/cli/cliglobaloptions.h"
#include "app/cli/clioutput.h"
#include "app/cli/cliprofile.h"
#include "app/cli/clisession.h"
#include "app/cli/definitiondiffcommand.h"
#include "app/cli/definitionnewcommand.h"
#include "app/cli/definitionshowcommand.h"
#include "app/cli/lifecyclecommand.h"
#include "app/cli/logincommand.h"
#include "app/cli/lscommand.h"
#include "app/cli/refreshendpointcommand.h"
#include "app/cli/statuscommand.h"
#include "app/cli/waitcommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

namespace fmc::cli {

namespace {

void print(FILE *stream, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stream);
}

template <typename C, typename... Args>
CliRunner::Factory factory(Args... args)
{
    return [=](QObject *parent) -> CliCommand * { return new C(args..., parent); };
}

} // namespace

CliRunner::CliRunner(QObject *parent)
    : QObject(parent)
{
    m_commands = {
        {QStringLiteral("ls"), factory<LsCommand>()},
        {QStringLiteral("status"), factory<StatusCommand>()},
        {QStringLiteral("wait"), factory<WaitCommand>()},
        {QStringLiteral("check-freshness"), factory<CheckFreshnessCommand>()},
        {QStringLiteral("definition new"), factory<DefinitionNewCommand>()},
        {QStringLiteral("definition show"), factory<DefinitionShowCommand>()},
        {QStringLiteral("definition diff"), factory<DefinitionDiffCommand>()},
        {QStringLiteral("apply"), factory<ApplyCommand>()},
        {QStringLiteral("start"), factory<LifecycleCommand>(LifecycleCommand::Action::Start)},
        {QStringLiteral("stop"), factory<LifecycleCommand>(LifecycleCommand::Action::Stop)},
        {QStringLiteral("rename"), factory<LifecycleCommand>(LifecycleCommand::Action::Rename)},
        {QStringLiteral("rm"), factory<LifecycleCommand>(LifecycleCommand::Action::Remove)},
        {QStringLiteral("refresh-endpoint"), factory<RefreshEndpointCommand>()},
        {QStringLiteral("login"), factory<LoginCommand>()},
    };
}

CliRunner::~CliRunner() = default;

std::optional<CliRunner::Entry> CliRunner::find(const QStringList &words, int *used) const
{
    for (int n = 2; n >= 1; --n) {
        if (words.size() < n)
            continue;
        const QString name = words.mid(0, n).join(u' ');
        for (const Entry &e : m_commands)
            if (e.name == name) {
                *used = n;
                return e;
            }
    }
    return std::nullopt;
}

QString CliRunner::helpText() const
{
    QString text = tr("Usage: fmc [global options] COMMAND [options] [arguments]\n"
                      "Fabric mirroring on the command line: the Fabric Mirroring Console's core for scripts.\n\n"
                      "Commands:\n");
    QList<QPair<QString, QString>> lines;
    qsizetype width = 0;
    for (const Entry &e : m_commands) {
        std::unique_ptr<CliCommand> c(e.make(nullptr));
        lines.append({QString(e.name + u' ' + c->synopsis()).trimmed(), c->summary()});
        width = qMax(width, lines.last().first.size());
    }
    for (const auto &[usage, summary] : std::as_const(lines))
        text += QStringLiteral("  %1  %2\n").arg(usage.leftJustified(width), summary);
    QCommandLineParser globals;
    CliGlobalOptions::addTo(globals);
    globals.addOption({{QStringLiteral("h"), QStringLiteral("help")}, tr("Show the commands, or a command's options.")});
    globals.addOption({QStringLiteral("version"), tr("Show the version.")});
    QString options = globals.helpText();
    options = options.mid(options.indexOf(QStringLiteral("Options:")));
    text += u'\n' + tr("Global ") + options;
    text += tr("\nSign-in (--sign-in auto tries in this order): a token from --token-stdin or FABRIC_TOKEN; a service\n"
               "principal from AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET (AZURE_AUTHORITY_HOST);\n"
               "then the console's last sign-in (keychain refresh token, service principal, Azure CLI).\n"
               "Secrets are never taken from the command line.\n"
               "\nExit codes:\n"
               "  0  success\n"
               "  1  the service refused or failed the call, or a file could not be read or written\n"
               "  2  usage: bad options or arguments, or a definition that does not validate\n"
               "  3  not signed in\n"
               "  4  not found: no workspace or mirrored database by that name or id\n"
               "  5  throttled out: still throttled after the retries\n"
               "  6  failed check: stale or failed tables, or a state wait can no longer reach\n"
               "  7  timeout\n"
               "\nRun 'fmc COMMAND --help' for a command's options.\n");
    return text;
}

int CliRunner::start(const QStringList &arguments)
{
    // Global options before the command move after it: `fmc --output json ls` = `fmc ls --output json`.
    QStringList leading;
    QStringList rest = arguments.mid(1);
    const QStringList valueOptions = CliGlobalOptions::valueOptionNames();
    while (!rest.isEmpty() && rest.first().startsWith(u'-') && rest.first() != u"-") {
        const QString option = rest.takeFirst();
        leading << option;
        const QString bare = option.mid(option.startsWith(QLatin1String("--")) ? 2 : 1);
        if (valueOptions.contains(bare) && !rest.isEmpty())
            leading << rest.takeFirst();
    }
    int used = 0;
    const auto entry = find(rest, &used);
    if (!entry) {
        if (rest.isEmpty() && (leading.contains(QStringLiteral("--help")) || leading.contains(QStringLiteral("-h")))) {
            print(stdout, helpText());
            return Ok;
        }
        if (rest.isEmpty() && leading.contains(QStringLiteral("--version"))) {
            print(stdout, QStringLiteral("fmc %1\n").arg(QCoreApplication::applicationVersion()));
            return Ok;
        }
        print(stderr, rest.isEmpty() ? tr("fmc: name a command. Run 'fmc --help' for the list.\n")
                                     : tr("fmc: '%1' is not a command. Run 'fmc --help' for the list.\n")
                                           .arg(rest.first()));
        return Usage;
    }
    m_command = entry->make(this);
    QCommandLineParser parser;
    parser.setApplicationDescription(m_command->summary());
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    m_command->addOptions(parser);
    CliGlobalOptions::addTo(parser);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    parser.addOption(help);
    const QStringList commandArguments = QStringList{QStringLiteral("fmc")} + leading + rest.mid(used);
    if (!parser.parse(commandArguments)) {
        print(stderr, QStringLiteral("fmc %1: %2\n").arg(entry->name, parser.errorText()));
        return Usage;
    }
    if (parser.isSet(help)) {
        // QCommandLineParser names the program only; the usage line names the command too.
        QString text = parser.helpText();
        const qsizetype usageEnd = text.indexOf(u'\n');
        text.replace(0, usageEnd,
                     QStringLiteral("Usage: fmc %1 [options] %2").arg(entry->name, m_command->synopsis()).trimmed());
        print(stdout, text);
        return Ok;
    }
    QString error;
    const auto options = CliGlobalOptions::from(parser, &error);
    if (!options) {
        print(stderr, QStringLiteral("fmc %1: %2\n").arg(entry->name, error));
        return Usage;
    }
    error = m_command->readArguments(parser);
    if (!error.isEmpty()) {
        print(stderr, QStringLiteral("fmc %1: %2\n").arg(entry->name, error));
        return Usage;
    }
    // Request-by-request logging, and the core's notes (device code polling, retries), only with
    // --verbose: a pipeline's log holds results and errors. The core redacts it either way.
    QLoggingCategory::setFilterRules(options->verbose ? QStringLiteral("fmc.*.debug=true")
                                                      : QStringLiteral("fmc.*.debug=false\nfmc.*.info=false"));
    m_output = std::make_unique<CliOutput>(options->output);
    const auto profile = CliProfileSource::load(options->profile, &error);
    if (!profile) {
        m_output->error(error);
        return Usage;
    }
    m_session = new CliSession(*profile, *options, m_output.get(), QProcessEnvironment::systemEnvironment(), this);
    connect(m_command, &CliCommand::finished, this, &CliRunner::finishAfterSecrets);
    if (!m_command->needsSignIn()) {
        m_command->start(m_session, m_output.get());
        return -1;
    }
    m_output->progress(tr("Signing in…"));
    const bool interactive = entry->name == u"login";
    m_session->signIn(interactive, [this](int code, const QString &message) {
        if (code != Ok) {
            m_output->error(message);
            finishAfterSecrets(code);
            return;
        }
        m_command->start(m_session, m_output.get());
    });
    return -1;
}

void CliRunner::finishAfterSecrets(int exitCode)
{
    // A renewal rotates the refresh token and the old one stops working: exiting before the new
    // one is in the keychain would leave the next fmc, and the console, a dead one.
    SecretStore *secrets = m_session ? m_session->tokens()->secretStore() : nullptr;
    if (secrets && secrets->pendingJobs() > 0) {
        connect(secrets, &SecretStore::idle, this, [this, exitCode] { emit finished(exitCode); },
                Qt::SingleShotConnection);
        return;
    }
    emit finished(exitCode);
}

} // namespace fmc::cli
