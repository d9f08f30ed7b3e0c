#include "app/cli/clioutput.h"

#include "models/displaytext.h"

#include <cstdio>
#include <unistd.h>

namespace fmc::cli {

namespace {

void write(FILE *stream, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stream);
    std::fflush(stream);
}

} // namespace

CliOutput::CliOutput(Format format)
    : m_format(format)
    , m_stdoutTty(::isatty(STDOUT_FILENO) == 1)
    , m_stderrTty(::isatty(STDERR_FILENO) == 1)
{
}

QString CliOutput::cell(const QString &serviceText)
{
    // Table cells are bounded so one hostile name cannot push every other column off screen.
    return displayText(serviceText, 120);
}

void CliOutput::table(const QStringList &headers, const QList<QStringList> &rows)
{
    endProgress();
    QList<qsizetype> widths;
    for (const QString &h : headers)
        widths.append(h.size());
    QList<QStringList> cleaned;
    cleaned.reserve(rows.size());
    for (const QStringList &row : rows) {
        QStringList cells;
        for (qsizetype i = 0; i < headers.size(); ++i) {
            const QString text = i < row.size() ? cell(row.at(i)) : QString();
            widths[i] = qMax(widths.at(i), text.size());
            cells.append(text);
        }
        cleaned.append(cells);
    }
    const auto format = [&widths](const QStringList &cells) {
        QString out;
        for (qsizetype i = 0; i < cells.size(); ++i)
            out += i + 1 < cells.size() ? cells.at(i).leftJustified(widths.at(i) + 2) : cells.at(i);
        return out + u'\n';
    };
    QString text = format(headers);
    for (const QStringList &cells : std::as_const(cleaned))
        text += format(cells);
    write(stdout, text);
}

void CliOutput::json(const Json &value)
{
    endProgress();
    write(stdout, QString::fromStdString(value.dump(2)) + u'\n');
}

void CliOutput::raw(const QByteArray &bytes)
{
    endProgress();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void CliOutput::line(const QString &text)
{
    endProgress();
    write(stdout, text + u'\n');
}

void CliOutput::note(const QString &text)
{
    if (m_stdoutTty)
        line(text);
}

void CliOutput::progress(const QString &text)
{
    if (!m_stderrTty)
        return;
    // \r and "erase to end of line": the line is rewritten in place, never scrolls.
    write(stderr, QStringLiteral("\r\x1b[K") + displayText(text, 200));
    m_progressShown = true;
}

void CliOutput::endProgress()
{
    if (!m_progressShown)
        return;
    write(stderr, QStringLiteral("\r\x1b[K"));
    m_progressShown = false;
}

void CliOutput::error(const QString &text)
{
    endProgress();
    write(stderr, QStringLiteral("fmc: ") + displayMessage(text) + u'\n');
}

void CliOutput::clearScreen()
{
    if (m_stdoutTty)
        write(stdout, QStringLiteral("\x1b[H\x1b[2J"));
}

} // namespace fmc::cli
