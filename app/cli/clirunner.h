#pragma once

#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace fmc::cli {

class CliCommand;
class CliOutput;
class CliSession;

//! \brief fmc's front door: picks the subcommand (`fmc status …`, `fmc definition new …`),
//! parses its options with a QCommandLineParser of its own plus the global ones (which may
//! also come before the subcommand, as with git and kubectl), answers --help and --version,
//! signs in and runs the command.
class CliRunner : public QObject
{
    Q_OBJECT
public:
    using Factory = std::function<CliCommand *(QObject *parent)>;

    explicit CliRunner(QObject *parent = nullptr);
    ~CliRunner() override;

    //! \brief Starts with \a arguments (argv, program name first). Returns an exit code when it
    //! is done already (help, usage errors), or -1 when finished() will bring it.
    int start(const QStringList &arguments);

    //! `fmc --help`: the commands, the global options and the exit codes.
    QString helpText() const;

Q_SIGNALS:
    void finished(int exitCode);

private:
    struct Entry {
        QString name;
        Factory make;
    };
    //! The command named by \a words (one or two of them); \a used says how many it took.
    std::optional<Entry> find(const QStringList &words, int *used) const;
    //! finished(\a exitCode) once the keychain writes in flight (a rotated token) are done.
    void finishAfterSecrets(int exitCode);

    QList<Entry> m_commands;
    std::unique_ptr<CliOutput> m_output;
    CliSession *m_session = nullptr;
    CliCommand *m_command = nullptr;
};

} // namespace fmc::cli
