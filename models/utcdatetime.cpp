#include "utcdatetime.h"

#include <QByteArray>

namespace fmc {

namespace {

// Julian day of 1970-01-01: converting through the day number (no QDateTime per field) keeps a
// 10,000-table status page cheap to decode.
constexpr qint64 kUnixEpochJulianDay = 2440588;

// Reads exactly \a count digits at \a pos; returns -1 when one is missing.
int readDigits(std::string_view text, size_t &pos, int count)
{
    if (pos + size_t(count) > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[pos + size_t(i)];
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    pos += size_t(count);
    return value;
}

bool expect(std::string_view text, size_t &pos, char c)
{
    if (pos >= text.size() || text[pos] != c)
        return false;
    ++pos;
    return true;
}

bool isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : days[month - 1];
}

} // namespace

QDateTime parseUtcDateTime(std::string_view text)
{
    size_t pos = 0;
    const int year = readDigits(text, pos, 4);
    if (year < 0 || !expect(text, pos, '-'))
        return {};
    const int month = readDigits(text, pos, 2);
    if (month < 1 || month > 12 || !expect(text, pos, '-'))
        return {};
    const int day = readDigits(text, pos, 2);
    if (day < 1 || day > daysInMonth(year, month))
        return {};
    if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' '))
        return {};
    ++pos;
    const int hour = readDigits(text, pos, 2);
    if (hour < 0 || hour > 23 || !expect(text, pos, ':'))
        return {};
    const int minute = readDigits(text, pos, 2);
    if (minute < 0 || minute > 59)
        return {};
    int second = 0;
    if (expect(text, pos, ':')) {
        second = readDigits(text, pos, 2);
        if (second < 0 || second > 60)
            return {};
        second = qMin(second, 59); // a leap second is shown as the second before it
    }
    int msec = 0;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 3)
                msec = msec * 10 + (text[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0)
            return {};
        for (int i = digits; i < 3; ++i)
            msec *= 10;
    }
    int offsetSeconds = 0;
    if (pos < text.size()) {
        const char zone = text[pos++];
        if (zone == '+' || zone == '-') {
            const int offsetHours = readDigits(text, pos, 2);
            expect(text, pos, ':');
            const int offsetMinutes = readDigits(text, pos, 2);
            if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59)
                return {};
            offsetSeconds = (offsetHours * 60 + offsetMinutes) * 60 * (zone == '-' ? -1 : 1);
        } else if (zone != 'Z' && zone != 'z') {
            return {};
        }
    }
    if (pos != text.size())
        return {};
    const qint64 seconds = (QDate(year, month, day).toJulianDay() - kUnixEpochJulianDay) * 86400 + hour * 3600 + minute * 60
                           + second - offsetSeconds;
    return QDateTime::fromMSecsSinceEpoch(seconds * 1000 + msec, Qt::UTC);
}

QDateTime parseUtcDateTime(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return parseUtcDateTime(std::string_view(utf8.constData(), size_t(utf8.size())));
}

QString formatUtcDateTime(const QDateTime &value)
{
    if (!value.isValid())
        return {};
    const QDateTime utc = value.toUTC();
    return utc.toString(utc.time().msec() ? QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")
                                          : QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

} // namespace fmc
