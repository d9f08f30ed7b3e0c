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
    // The runner signed in already (interactively for login); what is left is to say as whom.
    const TokenSession *tokens = session()->tokens();
    const QString account = tokens->identity().label();
    if (out()->isJson()) {
        out()->json(Json{{"signedIn", true},
                         {"method", toStdString(session()->method())},
                         {"account", toStdString(account)},
                         {"persistent", tokens->isPersistent()},
                         {"expiresAt", toStdString(formatUtcDateTime(tokens->expiresAtUtc()))}});
    } else {
        out()->line(tr("Signed in as %1 (%2).")
                        .arg(account.isEmpty() ? tr("an account the token does not name") : CliOutput::cell(account),
                             session()->method()));
        if (!tokens->isPersistent())
            out()->error(tokens->persistenceNotice());
    }
    finish(Ok);
}

} // namespace fmc::cli
