#pragma once

#include "app/history/historycsvexport.h"

#include <QObject>
#include <QPointer>

class QProgressDialog;
class QWidget;

namespace fmc {

//! \brief The dashboard's "Export chart range…": asks for a file, runs HistoryCsvExport (a
//! worker thread) behind a progress dialog that can cancel it, and says in one sentence how it
//! went. The window stays usable meanwhile: nothing here waits.
class ChartRangeExporter : public QObject
{
    Q_OBJECT
public:
    explicit ChartRangeExporter(QWidget *window);

    //! Asks for a CSV file (a non-modal dialog), then exports \a request (its csvPath ignored).
    void chooseFileAndExport(const HistoryCsvExport::Request &request);
    //! Exports \a request to its csvPath now.
    void exportTo(const HistoryCsvExport::Request &request);

    HistoryCsvExport *csvExport() const { return m_export; }
    //! The dialog of the export under way, shown once it lasts; nullptr when none runs.
    QProgressDialog *progressDialog() const;

Q_SIGNALS:
    //! How the export ended (or why it did not start), for the status bar.
    void done(const QString &sentence);

private:
    void onProgress(qint64 done, qint64 total);
    void onFinished(HistoryCsvExport::Outcome outcome, qint64 lines, const QString &error);

    QWidget *m_window;
    HistoryCsvExport *m_export;
    QPointer<QProgressDialog> m_progress;
    QString m_path;
};

} // namespace fmc
