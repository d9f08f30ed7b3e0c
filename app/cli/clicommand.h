#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QCommandLineParser;

namespace fmc {
class ApiError;
class FabricClient;
class MirroringDefinition;
struct ValidationProblem;
struct WatchedDatabase;
} // namespace fmc

namespace fmc::cli {

class CliOutput;
class CliSession;

//! \brief One fmc subcommand: its options (QCommandLineParser), its arguments, and a run that
//! ends, always from the event loop, with finished(exit code). Commands call the app core (the
//! FabricClient's request classes, models, services) and write through CliOutput only.
class CliCommand : public QObject
{
    Q_OBJECT
public:
    explicit CliCommand(QObject *parent = nullptr) : QObject(parent) {}

    //! "status", "definition new", ...
    virtual QString name() const = 0;
    //! One line for `fmc --help`.
    virtual QString summary() const = 0;
    //! The positional arguments' synopsis for the usage line ("WS/DB"), may be empty.
    virtual QString synopsis() const { return {}; }
    //! Adds this command's options and positional arguments (not the global ones).
    virtual void addOptions(QCommandLineParser &parser) const = 0;
    //! \brief Reads the parsed arguments; empty when they are acceptable, else a sentence
    //! (exit code Usage).
    virtual QString readArguments(const QCommandLineParser &parser) = 0;
    //! False for commands that never call the service (definition new/show/diff of files).
    virtual bool needsSignIn() const { return true; }

    //! Runs with \a session (signed in when needsSignIn()) and \a output.
    void start(CliSession *session, CliOutput *output);

Q_SIGNALS:
    void finished(int exitCode);

protected:
    virtual void run() = 0;
    void finish(int exitCode);
    //! \a message on stderr and finish(\a exitCode).
    void fail(int exitCode, const QString &message);
    //! A failed call: "\a what: the error, its code and request id", with the error's exit code.
    void failCall(const QString &what, const ApiError &error);
    //! \brief Resolves "WORKSPACE/DATABASE" (names or ids) to one mirrored database, then calls
    //! \a then; fails with NotFound, Usage (ambiguous, malformed) or the listing's error.
    void resolveDatabase(const QString &spec, std::function<void(const WatchedDatabase &)> then);

    //! \brief True when \a spec names a definition file (one that exists) rather than a
    //! WORKSPACE/DATABASE whose definition the service has.
    static bool isDefinitionFile(const QString &spec);
    //! \brief Loads the `mirroring.json` of \a spec, a file (bounded, UTF-8) or WS/DB
    //! (getDefinition), then calls \a then; fails with the reason otherwise.
    void loadDefinition(const QString &spec, std::function<void(const MirroringDefinition &)> then);
    //! Loads the `mirroring.json` of \a database (getDefinition); \a label names it in messages.
    void loadDefinition(const WatchedDatabase &database, const QString &label,
                        std::function<void(const MirroringDefinition &)> then);
    //! \brief Prints \a problems' warnings and errors to stderr, "path: message" each; true when
    //! there is an error among them.
    bool reportProblems(const QString &what, const QList<ValidationProblem> &problems);

    FabricClient *client() const;
    CliSession *session() const { return m_session; }
    CliOutput *out() const { return m_output; }

private:
    CliSession *m_session = nullptr;
    CliOutput *m_output = nullptr;
    bool m_finished = false;
};

} // namespace fmc::cli
