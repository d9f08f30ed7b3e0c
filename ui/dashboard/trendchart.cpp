#include "trendchart.h"

#include "models/displaytext.h"
#include "ui/themecolours.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QPen>
#include <QPointF>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>
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
    , m_empty(new QLabel(viewport()))
{
    setObjectName(QStringLiteral("trendChart"));
    setRenderHint(QPainter::Antialiasing);
    QChart *chart = this->chart();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont titleFont = chart->titleFont();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    // Thick lines in two colours that differ for colour-blind eyes too (blue / orange), with
    // points, so that one or two samples show; each value axis in its series' colour.
    // Lighter shades of the same two on a dark palette.
    const bool dark = ThemeColours::isDark(palette());
    const QColor rowsColour = dark ? QColor(0x6f, 0xa8, 0xff) : QColor(0x1f, 0x5f, 0xbf);
    const QColor latencyColour = dark ? QColor(0xff, 0xa0, 0x4d) : QColor(0xe0, 0x6c, 0x00);
    const auto style = [](QLineSeries *series, const QColor &colour) {
        QPen pen(colour);
        pen.setWidthF(2.5);
        series->setPen(pen);
        series->setPointsVisible(true);
        series->setMarkerSize(6);
    };
    style(m_rows, rowsColour);
    style(m_latency, latencyColour);
    m_rows->setName(tr("Processed rows"));
    m_latency->setName(tr("Worst latency (s)"));
    chart->addSeries(m_rows);
    chart->addSeries(m_latency);
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_time->setTitleText(tr("Time (UTC)"));
    m_time->setTickCount(6);
    m_rowsAxis->setLabelFormat(QStringLiteral("%.1f"));
    m_rowsAxis->setTitleText(tr("Rows"));
    m_latencyAxis->setLabelFormat(QStringLiteral("%d"));
    m_latencyAxis->setTitleText(tr("Latency (s)"));
    m_rowsAxis->setTickCount(5);
    m_latencyAxis->setTickCount(6);
    for (QValueAxis *axis : {m_rowsAxis, m_latencyAxis})
        axis->setMinorTickCount(1);
    m_rowsAxis->setLabelsColor(rowsColour);
    m_rowsAxis->setTitleBrush(rowsColour);
    m_rowsAxis->setLinePenColor(rowsColour);
    m_latencyAxis->setLabelsColor(latencyColour);
    m_latencyAxis->setTitleBrush(latencyColour);
    m_latencyAxis->setLinePenColor(latencyColour);
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_rowsAxis, Qt::AlignLeft);
    chart->addAxis(m_latencyAxis, Qt::AlignRight);
    m_rows->attachAxis(m_time);
    m_rows->attachAxis(m_rowsAxis);
    m_latency->attachAxis(m_time);
    m_latency->attachAxis(m_latencyAxis);
    setMinimumSize(420, 220); // narrower, the axis labels turn into "…"
    // Without a point the time axis showed its default range, every tick "00:00": the chart says
    // why it is empty instead, over the last ten minutes.
    m_empty->setObjectName(QStringLiteral("trendChartEmpty"));
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setAttribute(Qt::WA_TransparentForMouseEvents);
    setLongRange(false);
    followPalette();
    plot({}, QString());
}

void TrendChart::followPalette()
{
    // Qt Charts draws with its own light theme whatever the desktop's palette: the background,
    // title, legend and time axis take the widget's palette instead, so a dark desktop gets a
    // dark chart (the series keep their colours, which were chosen for either).
    const QPalette pal = palette();
    QChart *chart = this->chart();
    chart->setBackgroundBrush(pal.brush(QPalette::Base));
    chart->setBackgroundPen(QPen(pal.color(QPalette::Mid)));
    chart->setTitleBrush(pal.brush(QPalette::Text));
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    m_time->setLabelsColor(pal.color(QPalette::Text));
    m_time->setTitleBrush(pal.brush(QPalette::Text));
    const QColor grid = pal.color(QPalette::Mid);
    for (QAbstractAxis *axis : std::initializer_list<QAbstractAxis *>{m_time, m_rowsAxis, m_latencyAxis}) {
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(grid.lighter(ThemeColours::isDark(pal) ? 70 : 115));
    }
    setBackgroundBrush(pal.brush(QPalette::Window));
}

void TrendChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        followPalette();
}

int TrendChart::pointCount() const
{
    return int(m_rows->count());
}

QString TrendChart::emptyText() const
{
    return m_empty->text();
}

void TrendChart::setEmptyText(const QString &text)
{
    m_empty->setText(text);
}

void TrendChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    updateEmptyState();
}

void TrendChart::updateEmptyState()
{
    const bool empty = m_rows->count() == 0 && m_latency->count() == 0;
    m_empty->setVisible(empty);
    if (!empty)
        return;
    m_empty->setGeometry(viewport()->rect());
}

void TrendChart::plot(const QList<const TableHistory *> &histories, const QString &title)
{
    chart()->setTitle(displayText(title).toHtmlEscaped()); // QChart parses its title as HTML
    std::vector<qint64> times;
    for (const TableHistory *h : histories)
        for (int i = 0; i < h->size(); ++i)
            times.push_back(h->at(i).timeMSecs);
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    // A sum is only drawn from the time every history has begun: during the first refresh of
    // many databases the partial sums drew a cliff from 0 to the total.
    qint64 allBegun = std::numeric_limits<qint64>::min();
    for (const TableHistory *h : histories)
        if (h->size() > 0)
            allBegun = std::max(allBegun, h->at(0).timeMSecs);
    times.erase(times.begin(), std::lower_bound(times.begin(), times.end(), allBegun));

    QList<QPointF> rows, latency;
    rows.reserve(qsizetype(times.size()));
    latency.reserve(qsizetype(times.size()));
    std::vector<int> cursor(size_t(histories.size()), -1);
    double minRows = 0, maxRows = 0, maxLatency = 0;
    for (qint64 t : times) {
        qint64 sum = 0;
        bool anyRows = false; // -1 is "not given" (a catalog): left out, never drawn as 0
        qint32 worst = -1;
        for (qsizetype k = 0; k < histories.size(); ++k) {
            const TableHistory *h = histories.at(k);
            int &c = cursor[size_t(k)];
            while (c + 1 < h->size() && h->at(c + 1).timeMSecs <= t)
                ++c;
            if (c < 0)
                continue;
            if (h->at(c).processedRows >= 0) {
                sum += h->at(c).processedRows;
                anyRows = true;
            }
            worst = std::max(worst, h->at(c).latencySeconds);
        }
        if (anyRows) {
            const double value = double(sum);
            rows.append(QPointF(double(t), value));
            minRows = rows.size() == 1 ? value : std::min(minRows, value);
            maxRows = std::max(maxRows, value);
        }
        if (worst >= 0) {
            latency.append(QPointF(double(t), double(worst)));
            maxLatency = std::max(maxLatency, double(worst));
        }
    }
    // Rows in a unit that keeps the labels short (2,131,367,081 → 2.13 bn); short titles fit a low chart.
    double unit = 1;
    QString unitName = tr("Rows");
    if (maxRows >= 2e9) {
        unit = 1e9;
        unitName = tr("Rows (bn)");
    } else if (maxRows >= 2e6) {
        unit = 1e6;
        unitName = tr("Rows (M)");
    } else if (maxRows >= 2e3) {
        unit = 1e3;
        unitName = tr("Rows (k)");
    }
    for (QPointF &point : rows)
        point.setY(point.y() / unit);
    minRows /= unit;
    maxRows /= unit;
    m_rowsAxis->setTitleText(unitName);
    // replace(): one repaint per series, not one per point.
    m_rows->replace(rows);
    m_latency->replace(latency);
    if (!times.empty()) {
        // At least ten minutes wide (a lone first sample sits in the middle), seconds when short.
        const qint64 first = times.front(), last = times.back();
        const qint64 pad = std::max<qint64>(0, (600'000 - (last - first)) / 2);
        m_time->setRange(QDateTime::fromMSecsSinceEpoch(first - pad, Qt::UTC),
                         QDateTime::fromMSecsSinceEpoch(last + pad, Qt::UTC));
        m_time->setFormat(last - first < 3'600'000 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
    } else {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_time->setRange(now.addSecs(-600), now);
        m_time->setFormat(QStringLiteral("HH:mm"));
    }
    // Rows grow slowly against their total: a range around the data shows the growth, where
    // one from zero drew a flat line at the top.
    const double spread = maxRows - minRows;
    const double margin = std::max({spread * 0.15, maxRows * 0.002, 1.0 / unit});
    const double low = std::max(0.0, minRows - margin), high = maxRows + margin;
    m_rowsAxis->setRange(low, high);
    // As many decimals as the tick step needs (a step of 0.25 million is not "0").
    const double step = (high - low) / 4;
    const int decimals = step >= 10 ? 0 : step >= 1 ? 1 : step >= 0.1 ? 2 : 3;
    m_rowsAxis->setLabelFormat(QStringLiteral("%.%1f").arg(decimals));
    // Whole seconds on every tick: a multiple of 5, in five steps.
    m_latencyAxis->setRange(0, std::max(10.0, std::ceil(maxLatency * 1.2 / 5.0) * 5.0));
    updateEmptyState();
}

void TrendChart::setLongRange(bool longRange)
{
    m_time->setFormat(longRange ? QStringLiteral("dd MMM HH:mm") : QStringLiteral("HH:mm"));
    for (QLineSeries *series : {m_rows, m_latency})
        series->setPointsVisible(!longRange);
    m_empty->setText(longRange ? tr("Nothing was recorded in this range.") : tr("Waiting for the first refresh…"));
}

} // namespace fmc
