#include "models/textexcerpt.h"

namespace fmc {

QString textExcerpt(const QString &text, qsizetype maxLength)
{
    if (text.size() <= maxLength)
        return text;
    qsizetype n = maxLength;
    if (n > 0 && text.at(n - 1).isHighSurrogate())
        --n;
    return text.left(n) + QChar(0x2026);
}

} // namespace fmc
