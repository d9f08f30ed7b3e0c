#include "models/csvfield.h"

namespace fmc {

QString csvField(const QString &value)
{
    QString out = value;
    // OWASP's list of what makes a cell a formula (CSV injection); "-12.5" is data, not a formula.
    if (!out.isEmpty() && QStringLiteral("=+-@\t\r").contains(out.front())) {
        bool isNumber = false;
        out.toDouble(&isNumber);
        if (!isNumber)
            out.prepend(u'\'');
    }
    if (out.contains(u',') || out.contains(u'"') || out.contains(u'\n') || out.contains(u'\r')) {
        out.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return u'"' + out + u'"';
    }
    return out;
}

} // namespace fmc
