#pragma once

#include "app/cli/clioutput.h"

#include <QString>
#include <QUrl>

#include <optional>

class QCommandLineParser;

namespace fmc::cli {

//! \brief The options every fmc command takes (`--output`, `--api-url`, `--profile`,
//! `--verbose` and how to sign in). Never a secret: tokens and client secrets come from the
//! environment, stdin or the keychain, so they never show in `ps` or a shell's history.
struct CliGlobalOptions {
    CliOutput::Format output = CliOutput::Format::Table;
    QUrl apiUrl;          //!< empty: the profile's
    QString profile;      //!< empty: the console's settings
    bool verbose = false;
    QString signIn = QStringLiteral("auto"); //!< auto, token, environment, service-principal, azure-cli, device-code
    QUrl authority;       //!< empty: the profile's
    QString tenant;       //!< empty: the profile's
    QString clientId;     //!< empty: the profile's
    bool tokenFromStdin = false;

    //! The sign-in methods `--sign-in` accepts, in the order auto tries the silent ones.
    static QStringList signInMethods();
    //! Adds the global options to \a parser.
    static void addTo(QCommandLineParser &parser);
    //! \brief Reads them back after \a parser parsed; nullopt and a sentence in \a error when a
    //! value is refused (an unknown output format, a URL that is not http(s), ...).
    static std::optional<CliGlobalOptions> from(const QCommandLineParser &parser, QString *error);
    //! \brief Names of the global options that take a value (so that the runner can move
    //! `fmc --output json status X` to `fmc status --output json X`).
    static QStringList valueOptionNames();
};

} // namespace fmc::cli
