#include "trendchart.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPointF>
#include <QValueAxis>

#include <algorithm>
#include <vector>

namespace fmc {

TrendChart::TrendChart(QWidget *parent)
    // The chart goes to the constructor: QChartView(parent) makes a default chart of its own, and
    // setChart() releases the previous chart without deleting it (LeakSanitizer found one QChart
    // with its legend and title leaked per dashboard).
    : QChartView(new QChart, parent)
    , m_rows(new QLineSeries)
    , m_latency(new QLineSeries)
    , m_time(new QDateTimeAxis)
    , m_rowsAxis(new QValueAxis)
    , m_latencyAxis(new QValueAxis)
{
    setObjectName(QStringLiteral("trendChart"));
    setRenderHint(QPainter::Antialiasing);
    QChart *chart = this->chart();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_rows->setName(tr("Processed rows"));
    m_latency->setName(tr("Latency (s)"));
    chart->addSeries(m_rows);
    chart->addSeries(m_latency);
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_time->setTitleText(tr("UTC"));
    m_rowsAxis->setLabelFormat(QStringLiteral("%.3g"));
    m_latencyAxis->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_rowsAxis, Qt::AlignLeft);
    chart->addAxis(m_latencyAxis, Qt::AlignRight);
    m_rows->attachAxis(m_time);
    m_rows->attachAxis(m_rowsAxis);
    m_latency->attachAxis(m_time);
    m_latency->attachAxis(m_latencyAxis);
    setMinimumHeight(160);
}

int TrendChart::pointCount() const
{
    return int(m_rows->count());
}

void TrendChart::plot(const QList<const TableHistory *> &histories, const QString &title)
{
    chart()->setTitle(title);
    std::vector<qint64> times;
    for (const TableHistory *h : histories)
        for (int i = 0; i < h->size(); ++i)
            times.push_back(h->at(i).timeMSecs);
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());

    QList<QPointF> rows, latency;
    rows.reserve(qsizetype(times.size()));
    latency.reserve(qsizetype(times.size()));
    std::vector<int> cursor(size_t(histories.size()), -1);
    double maxRows = 0, maxLatency = 0;
    for (qint64 t : times) {
        qint64 sum = 0;
        qint32 worst = -1;
        for (qsizetype k = 0; k < histories.size(); ++k) {
            const TableHistory *h = histories.at(k);
            int &c = cursor[size_t(k)];
            while (c + 1 < h->size() && h->at(c + 1).timeMSecs <= t)
                ++c;
            if (c < 0)
                continue;
            sum += h->at(c).processedRows;
            worst = std::max(worst, h->at(c).latencySeconds);
        }
        rows.append(QPointF(double(t), double(sum)));
        maxRows = std::max(maxRows, double(sum));
        if (worst >= 0) {
            latency.append(QPointF(double(t), double(worst)));
            maxLatency = std::max(maxLatency, double(worst));
        }
    }
    // replace(): one repaint per series, not one per point.
    m_rows->replace(rows);
    m_latency->replace(latency);
    if (!times.empty()) {
        const qint64 first = times.front();
        const qint64 last = std::max(times.back(), first + 60'000);
        m_time->setRange(QDateTime::fromMSecsSinceEpoch(first, Qt::UTC), QDateTime::fromMSecsSinceEpoch(last, Qt::UTC));
    }
    m_rowsAxis->setRange(0, std::max(1.0, maxRows * 1.05));
    m_latencyAxis->setRange(0, std::max(10.0, maxLatency * 1.2));
}

} // namespace fmc
