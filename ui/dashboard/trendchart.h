#pragma once

#include "app/monitor/tablehistory.h"

#include <QChartView>
#include <QList>

class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace fmc {

//! \brief Rows processed and sync latency over time (Qt Charts), from the monitor's history.
class TrendChart : public QChartView
{
    Q_OBJECT
public:
    explicit TrendChart(QWidget *parent = nullptr);

    //! Plots the sum of \a histories' rows and their worst latency, stepping each history to
    //! its latest sample at every sample time of any of them (databases refresh at different
    //! moments). \a title says what is plotted.
    void plot(const QList<const TableHistory *> &histories, const QString &title);
    //! \brief Days rather than minutes: dates on the time axis and no point markers (the
    //! stored 24 h, 7 d and 30 d ranges); off for the live hour.
    void setLongRange(bool longRange);
    //! Points currently plotted (for tests).
    int pointCount() const;
    //! What the chart says over itself while it has no point ("Waiting for the first refresh…").
    QString emptyText() const;
    //! \brief Sets that sentence until the next setLongRange(), which sets each mode's own
    //! ("Waiting for the first refresh…" live, "Nothing was recorded in this range." stored).
    void setEmptyText(const QString &text);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void followPalette();
    //! Shows the empty chart's sentence when nothing is plotted, centred over the plot.
    void updateEmptyState();

    QLineSeries *m_rows;
    QLineSeries *m_latency;
    QDateTimeAxis *m_time;
    QValueAxis *m_rowsAxis;
    QValueAxis *m_latencyAxis;
    QLabel *m_empty;
};

} // namespace fmc
