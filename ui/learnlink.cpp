#include "learnlink.h"

namespace fmc {

QString learnLinkHtml(const QUrl &url, const QString &text)
{
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host() != QLatin1String("learn.microsoft.com"))
        return {};
    return QStringLiteral("<a href=\"%1\">%2</a>")
        .arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(), text.toHtmlEscaped());
}

} // namespace fmc
