#pragma once

#include "models/json.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace fmc::cli {

//! \brief Where fmc writes: results on stdout (a table for people, JSON for scripts), errors
//! and progress on stderr. Progress and success notes appear only on a terminal, so a
//! pipeline's log holds results and errors only ("quiet on success when piped").
class CliOutput
{
public:
    enum class Format { Table, Json };

    explicit CliOutput(Format format = Format::Table);

    Format format() const { return m_format; }
    bool isJson() const { return m_format == Format::Json; }
    bool stdoutIsTerminal() const { return m_stdoutTty; }
    bool stderrIsTerminal() const { return m_stderrTty; }

    //! Columns padded to their widest cell; every cell passes displayText() (service text is hostile).
    void table(const QStringList &headers, const QList<QStringList> &rows);
    //! \a value pretty-printed with two spaces and a final newline.
    void json(const Json &value);
    //! \a bytes exactly as given on stdout (a document a script redirects to a file).
    void raw(const QByteArray &bytes);
    //! \a text (already safe) and a newline on stdout.
    void line(const QString &text);
    //! A note on success ("Started …"): on stdout when it is a terminal, else nothing.
    void note(const QString &text);
    //! One line of progress that replaces the previous one: on stderr, only when it is a terminal.
    void progress(const QString &text);
    //! Ends a progress line, if one is shown.
    void endProgress();
    //! "fmc: text" on stderr, always.
    void error(const QString &text);
    //! Moves a terminal's cursor home and clears the screen (for status --watch); nothing when piped.
    void clearScreen();

    //! The table column for a value the service sent (one line, bounded, no control characters).
    static QString cell(const QString &serviceText);

private:
    Format m_format;
    bool m_stdoutTty;
    bool m_stderrTty;
    bool m_progressShown = false;
};

} // namespace fmc::cli
