#pragma once

#include "app/history/historyseriesloader.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace fmc {

//! \brief Writes a chart range of a history file to a CSV file (RFC 4180, UTF-8, CRLF), in a
//! worker thread, with progress and cancel.
//!
//! Every stored sample of each subject in the range, not the chart's thinned points: one line
//! per table sample, or per database sample when the subject is a database's totals. Names and
//! codes come from the service, so every field goes through csvField() (quoted, formulas
//! neutralised). The file is written through QSaveFile: a cancelled or failed export leaves
//! whatever was at the path before untouched.
class HistoryCsvExport : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { Written, Cancelled, Failed };
    Q_ENUM(Outcome)

    struct Request {
        QString historyPath;
        QString csvPath;
        QList<HistorySeriesLoader::Subject> subjects;
        qint64 fromMs = 0;
        qint64 toMs = 0;
        //! Database id → the name shown for it; the id when absent.
        QHash<QString, QString> databaseNames;
    };

    //! The header line, in the order of the fields of every line.
    static QString headerLine();

    explicit HistoryCsvExport(QObject *parent = nullptr);
    //! Cancels an export under way and waits for its thread.
    ~HistoryCsvExport() override;

    //! Starts writing; false (and nothing started) while another export runs.
    bool start(const Request &request);
    //! Stops the export under way at its next line; finished(Cancelled) follows.
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    //! From the worker thread, every few thousand lines: \a done of \a total samples written.
    void progress(qint64 done, qint64 total);
    //! From the worker thread, once per start(): \a lines samples written when Written.
    void finished(fmc::HistoryCsvExport::Outcome outcome, qint64 lines, const QString &error);

private:
    void run(const Request &request);
    void finish(Outcome outcome, qint64 lines, const QString &error);

    std::unique_ptr<QThread> m_thread;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_busy{false};
};

} // namespace fmc
