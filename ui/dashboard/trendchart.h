#pragma once

#include "app/monitor/tablehistory.h"

#include <QChartView>
#include <QList>

class QDateTimeAxis;
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

protected:
    void changeEvent(QEvent *event) override;

private:
    void followPalette();

    QLineSeries *m_rows;
    QLineSeries *m_latency;
    QDateTimeAxis *m_time;
    QValueAxis *m_rowsAxis;
    QValueAxis *m_latencyAxis;
};

} // namespace fmc
