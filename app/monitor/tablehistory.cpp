#include "tablehistory.h"

namespace fmc {

TableHistory::TableHistory(int capacity)
    : m_ring(size_t(qMax(2, capacity)))
{
}

void TableHistory::append(const MetricSample &sample)
{
    if (m_count < m_ring.size()) {
        m_ring[(m_start + m_count) % m_ring.size()] = sample;
        ++m_count;
    } else {
        m_ring[m_start] = sample;
        m_start = (m_start + 1) % m_ring.size();
    }
}

const MetricSample &TableHistory::at(int i) const
{
    Q_ASSERT(i >= 0 && size_t(i) < m_count);
    return m_ring[(m_start + size_t(i)) % m_ring.size()];
}

QList<MetricSample> TableHistory::samples() const
{
    QList<MetricSample> out;
    out.reserve(size());
    for (int i = 0; i < size(); ++i)
        out.append(at(i));
    return out;
}

namespace {

std::optional<double> rate(const MetricSample &before, const MetricSample &after, qint64 MetricSample::*field)
{
    const qint64 ms = after.timeMSecs - before.timeMSecs;
    if (ms <= 0 || before.*field < 0 || after.*field < 0 || after.*field < before.*field)
        return std::nullopt;
    return double(after.*field - before.*field) * 1000.0 / double(ms);
}

} // namespace

std::optional<double> TableHistory::rowsPerSecond() const
{
    if (m_count < 2)
        return std::nullopt;
    return rate(at(size() - 2), last(), &MetricSample::processedRows);
}

std::optional<double> TableHistory::bytesPerSecond() const
{
    if (m_count < 2)
        return std::nullopt;
    return rate(at(size() - 2), last(), &MetricSample::processedBytes);
}

} // namespace fmc
