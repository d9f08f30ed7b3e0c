#include "app/cli/logincommand.h"

#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/cli/cliexitcode.h"
#include "app/cli/clioutput.h"
#include "app/cli/clisession.h"
#include "models/utcdatetime.h"

#include <QCommandLineParser>

namespace fmc::cli {

void LoginCommand::addOptions(QCommandLineParser &parser) const
{
    Q_UNUSED(parser) // the global --sign-in, --tenant, --client-id and --authority say how
}

QString LoginCommand::readArguments(const QCommandLineParser &parser)
{
    if (!parser.positionalArguments().isEmpty())
        return tr("takes no arguments.");
    return {};
}

void LoginCommand::run()
{
    // The runner signed in already (interactively for login). The refresh token is still on its
    // way to the keychain: whether it was kept is known only when the write has finished.
    SecretStore *secrets = session()->tokens()->secretStore();
    if (secrets->pendingJobs() > 0)
        connect(secrets, &SecretStore::idle, this, &LoginCommand::report, Qt::SingleShotConnection);
    else
        report();
}

void LoginCommand::report()
{
    // What is left is to say as whom, and whether the console can take the sign-in up.
    const TokenSession *tokens = session()->tokens();
    const QString account = tokens->identity().label();
    // Only a sign-in whose secret the keychain keeps can be taken up by the console.
    const bool console = tokens->isPersistent() && session()->rememberForConsole();
    if (out()->isJson()) {
        out()->json(Json{{"signedIn", true},
                         {"method", toStdString(session()->method())},
                         {"account", toStdString(account)},
                         {"persistent", tokens->isPersistent()},
                         {"console", console},
                         {"expiresAt", toStdString(formatUtcDateTime(tokens->expiresAtUtc()))}});
    } else {
        out()->line(tr("Signed in as %1 (%2).")
                        .arg(account.isEmpty() ? tr("an account the token does not name") : CliOutput::cell(account),
                             session()->method()));
        if (!tokens->isPersistent())
            out()->error(tokens->persistenceNotice());
        else if (console)
            out()->note(tr("The console will sign in the same way when it starts."));
    }
    finish(Ok);
}

} // namespace fmc::cli
