#include "ui/dashboard/chartrangeexporter.h"

#include <QFileDialog>
#include <QLocale>
#include <QProgressDialog>

namespace fmc {

ChartRangeExporter::ChartRangeExporter(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_export(new HistoryCsvExport(this))
{
    // The worker's signals arrive queued, in the GUI thread.
    connect(m_export, &HistoryCsvExport::progress, this, &ChartRangeExporter::onProgress);
    connect(m_export, &HistoryCsvExport::finished, this, &ChartRangeExporter::onFinished);
}

QProgressDialog *ChartRangeExporter::progressDialog() const
{
    return m_progress;
}

void ChartRangeExporter::chooseFileAndExport(const HistoryCsvExport::Request &request)
{
    // Non-modal open(): refreshes go on while the user picks a file.
    auto *dialog = new QFileDialog(m_window, tr("Export the chart's range"), QString(), tr("CSV files (*.csv)"));
    dialog->setObjectName(QStringLiteral("exportRangeDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, request](const QString &path) {
        HistoryCsvExport::Request chosen = request;
        chosen.csvPath = path;
        exportTo(chosen);
    });
    dialog->open();
}

void ChartRangeExporter::exportTo(const HistoryCsvExport::Request &request)
{
    if (!m_export->start(request)) {
        emit done(tr("An export is already under way."));
        return;
    }
    m_path = request.csvPath;
    // Shown only when the export lasts (a day of one table is written before it would appear).
    m_progress = new QProgressDialog(tr("Exporting the chart's range to %1…").arg(request.csvPath), tr("Cancel"), 0,
                                     1000, m_window);
    m_progress->setObjectName(QStringLiteral("exportRangeProgress"));
    m_progress->setWindowTitle(tr("Export chart range"));
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setMinimumDuration(400);
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_progress, &QProgressDialog::canceled, m_export, &HistoryCsvExport::cancel);
    m_progress->setValue(0);
}

void ChartRangeExporter::onProgress(qint64 done, qint64 total)
{
    if (m_progress && total > 0)
        m_progress->setValue(int(std::min<qint64>(1000, done * 1000 / total)));
}

void ChartRangeExporter::onFinished(HistoryCsvExport::Outcome outcome, qint64 lines, const QString &error)
{
    if (m_progress)
        m_progress->close();
    switch (outcome) {
    case HistoryCsvExport::Outcome::Written:
        emit done(tr("Exported %1 samples to %2").arg(QLocale().toString(lines), m_path));
        break;
    case HistoryCsvExport::Outcome::Cancelled:
        emit done(tr("Export cancelled; %1 was not written.").arg(m_path));
        break;
    case HistoryCsvExport::Outcome::Failed:
        emit done(tr("Could not export to %1: %2").arg(m_path, error));
        break;
    }
}

} // namespace fmc
