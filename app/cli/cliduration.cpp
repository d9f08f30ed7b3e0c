#include "app/cli/cliduration.h"

#include <QRegularExpression>

namespace fmc::cli {

std::optional<std::chrono::seconds> parseDuration(const QString &text)
{
    static const QRegularExpression plain(QStringLiteral("^\\d{1,9}$"));
    static const QRegularExpression unit(QStringLiteral("(\\d{1,9})([dhms])"));
    const QString t = text.trimmed().toLower();
    if (t.isEmpty())
        return std::nullopt;
    qint64 seconds = 0;
    if (plain.match(t).hasMatch()) {
        seconds = t.toLongLong();
    } else {
        qsizetype at = 0;
        auto it = unit.globalMatch(t);
        while (it.hasNext()) {
            const auto m = it.next();
            if (m.capturedStart() != at)
                return std::nullopt; // something between the parts
            at = m.capturedEnd();
            const qint64 n = m.captured(1).toLongLong();
            switch (m.captured(2).at(0).unicode()) {
            case 'd': seconds += n * 86400; break;
            case 'h': seconds += n * 3600; break;
            case 'm': seconds += n * 60; break;
            default: seconds += n; break;
            }
            if (seconds > 30 * 86400)
                return std::nullopt;
        }
        if (at != t.size())
            return std::nullopt;
    }
    if (seconds > 30 * 86400)
        return std::nullopt;
    return std::chrono::seconds(seconds);
}

QString durationText(std::chrono::seconds duration)
{
    qint64 s = duration.count();
    if (s == 0)
        return QStringLiteral("0s");
    QString out;
    if (s >= 3600) {
        out += QString::number(s / 3600) + u'h';
        s %= 3600;
    }
    if (s >= 60) {
        out += QString::number(s / 60) + u'm';
        s %= 60;
    }
    if (s > 0)
        out += QString::number(s) + u's';
    return out;
}

} // namespace fmc::cli
