#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace fmc {

//! What the console was asked to do on its command line.
struct ConsoleOptions {
    bool sandbox = false;        //!< start an in-process fabric-sandbox and sign in to it
    QString dashboard;           //!< WORKSPACE/DATABASE (names or ids) or "all"
    QUrl apiBaseUrl;             //!< empty: from settings, else the public Fabric endpoint
    QUrl authority;              //!< empty: from settings, else login.microsoftonline.com
    QString tenant;
    QString clientId;
    bool verbose = false;        //!< debug logging (secrets are still redacted)
    bool background = false;     //!< start in the tray, watching (File ▸ Background watch…)
    QString profile;             //!< the profile to start with (name, label or id); empty: the last used
};

//! The outcome of parsing: options, or a request to print help/version, or an error sentence.
struct CommandLineResult {
    enum class Action { Run, ShowHelp, ShowVersion, Error };
    Action action = Action::Run;
    ConsoleOptions options;
    QString errorText;
    QString helpText;
};

//! \brief Parses the console's arguments (argv[0] first) without touching the application.
//! Kept apart from main() so that every door is testable: bad input gives a sentence, not a crash.
CommandLineResult parseConsoleCommandLine(const QStringList &arguments);

} // namespace fmc
