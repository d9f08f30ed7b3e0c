#include "betaquery.h"

namespace fmc {

QUrlQuery betaQuery()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("beta"), QStringLiteral("true"));
    return query;
}

} // namespace fmc
