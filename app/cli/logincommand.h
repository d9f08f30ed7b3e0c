#pragma once

#include "app/cli/clicommand.h"

namespace fmc::cli {

//! \brief `fmc login [--sign-in METHOD]`: signs in and says as whom. With device code (the
//! default when nothing else is configured) the code and link are printed on stderr, and the
//! refresh token goes to the keychain entry the console uses for the same account and tenant,
//! so later fmc commands, and the console, start signed in (the console's remembered sign-in
//! method and account are set too). JSON: `{signedIn, method, account, persistent, console,
//! expiresAt}`. Never prints a token.
class LoginCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("login"); }
    QString summary() const override { return tr("Sign in (device code on a terminal) and keep the session."); }
    void addOptions(QCommandLineParser &parser) const override;
    QString readArguments(const QCommandLineParser &parser) override;

protected:
    void run() override;

private:
    void report();
};

} // namespace fmc::cli
