#pragma once

#include <QDateTime>
#include <QList>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace fmc {

//! One sample of a table's (or a whole database's) metrics: 32 bytes, so an hour at the default
//! 30 s interval for ten thousand tables is 38 MB, within the dashboard's 150 MB budget.
struct MetricSample {
    qint64 timeMSecs = 0;          //!< UTC ms since epoch of the refresh
    qint64 processedRows = 0;      //!< -1 when the service sent none (not drawn as 0)
    qint64 processedBytes = 0;     //!< -1 when the service sent none
    qint32 latencySeconds = -1;    //!< -1 when the service sent none
    qint32 reserved = 0;
};

//! \brief A bounded ring of MetricSample, oldest first, for rates and trend charts.
class TableHistory
{
public:
    explicit TableHistory(int capacity = 120);

    void append(const MetricSample &sample);
    int size() const { return int(m_count); }
    int capacity() const { return int(m_ring.size()); }
    bool isEmpty() const { return m_count == 0; }
    //! The \a i-th sample, 0 being the oldest kept.
    const MetricSample &at(int i) const;
    const MetricSample &last() const { return at(size() - 1); }
    QList<MetricSample> samples() const;

    //! Rows per second between the last two samples; nullopt with fewer than two samples, no
    //! time between them, or a counter that went backwards (a reseed).
    std::optional<double> rowsPerSecond() const;
    std::optional<double> bytesPerSecond() const;

private:
    std::vector<MetricSample> m_ring;
    size_t m_start = 0;
    size_t m_count = 0;
};

} // namespace fmc
