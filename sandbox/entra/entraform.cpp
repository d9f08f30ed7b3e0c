#include "sandbox/entra/entraform.h"

namespace fmc::sandbox {

QUrlQuery EntraForm::of(const SandboxRequest &request)
{
    if (!request.header("Content-Type").trimmed().toLower().startsWith("application/x-www-form-urlencoded"))
        return {};
    QByteArray body = request.body;
    body.replace('+', "%20");
    return QUrlQuery(QString::fromUtf8(body));
}

QString EntraForm::field(const QUrlQuery &query, const QString &name)
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

} // namespace fmc::sandbox
