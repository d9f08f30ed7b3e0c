#include "app/api/retrypolicy.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace fmc {

using std::chrono::milliseconds;

milliseconds RetryPolicy::nominalDelay(int retry) const
{
    if (retry < 1)
        return milliseconds(0);
    // Doubling in floating point cannot overflow; the cap keeps the result small.
    const double raw = double(baseDelay.count()) * std::pow(2.0, std::min(retry - 1, 62));
    return milliseconds(qint64(std::min(raw, double(maxDelay.count()))));
}

milliseconds RetryPolicy::delay(int retry, std::mt19937 &rng) const
{
    std::uniform_real_distribution<double> jitter(jitterMin, jitterMax);
    return milliseconds(qint64(std::llround(double(nominalDelay(retry).count()) * jitter(rng))));
}

milliseconds RetryPolicy::operationPollDelay(std::optional<milliseconds> serverValue) const
{
    return std::clamp(serverValue.value_or(operationPollDefault), operationPollMin, operationPollMax);
}

namespace {

QByteArray headerValue(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.trimmed();
    return {};
}

std::optional<qint64> nonNegativeInteger(const QByteArray &value)
{
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (!ok || n < 0)
        return std::nullopt;
    return n;
}

std::optional<QDateTime> httpDate(const QByteArray &value)
{
    // RFC 9110: IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") or the obsolete RFC 850 form
    // ("Sunday, 06-Nov-94 08:49:37 GMT"). The weekday is dropped: it is redundant, and with a
    // two-digit year QLocale would check it against the wrong century.
    QString text = QString::fromLatin1(value);
    const qsizetype comma = text.indexOf(QLatin1Char(','));
    if (comma < 0)
        return std::nullopt;
    text = text.mid(comma + 1).trimmed();
    const QLocale c = QLocale::c();
    QDateTime date = c.toDateTime(text, QStringLiteral("dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!date.isValid()) {
        date = c.toDateTime(text, QStringLiteral("dd-MMM-yy HH:mm:ss 'GMT'"));
        if (date.isValid() && date.date().year() < 1970)
            date = date.addYears(100);
    }
    if (!date.isValid())
        return std::nullopt;
    date.setTimeSpec(Qt::UTC);
    return date;
}

} // namespace

std::optional<milliseconds> parseRetryAfter(const HttpHeaders &headers, const QDateTime &nowUtc)
{
    // Every named header is consulted in order; an invalid one falls through to the next.
    for (const char *name : {"retry-after-ms", "x-ms-retry-after-ms"})
        if (const auto ms = nonNegativeInteger(headerValue(headers, name)))
            return milliseconds(*ms);
    const QByteArray retryAfter = headerValue(headers, "Retry-After");
    if (retryAfter.isEmpty())
        return std::nullopt;
    if (const auto seconds = nonNegativeInteger(retryAfter))
        return milliseconds(std::min<qint64>(*seconds, qint64(1) << 40) * 1000);
    if (const auto date = httpDate(retryAfter)) {
        const qint64 ms = nowUtc.msecsTo(*date);
        return milliseconds(std::max<qint64>(ms, 0));
    }
    return std::nullopt;
}

} // namespace fmc
