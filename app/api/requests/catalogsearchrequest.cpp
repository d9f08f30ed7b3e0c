#include "app/api/requests/catalogsearchrequest.h"

#include <algorithm>

namespace fmc {

CatalogSearchRequest::CatalogSearchRequest(const QString &itemType, int pageSize, const QString &search)
    : CatalogSearchRequest(QStringList{itemType}, pageSize, search)
{
}

CatalogSearchRequest::CatalogSearchRequest(const QStringList &itemTypes, int pageSize, const QString &search)
    : PagedRequest("POST", QStringLiteral("/catalog/search"), {})
{
    if (!search.isEmpty())
        m_query["search"] = toStdString(search);
    m_query["pageSize"] = std::clamp(pageSize, 1, 1000);
    // No types: no filter, every entry the caller can see.
    if (!itemTypes.isEmpty())
        m_query["filter"] = toStdString(typeFilter(itemTypes));
    setJsonBody(m_query);
}

QString CatalogSearchRequest::typeFilter(const QStringList &itemTypes)
{
    QStringList comparisons;
    for (const QString &type : itemTypes)
        comparisons << typeFilter(type);
    return comparisons.join(QStringLiteral(" or "));
}

QString CatalogSearchRequest::typeFilter(const QString &itemType)
{
    QString quoted = itemType;
    quoted.replace(u'\'', QStringLiteral("''"));
    return QStringLiteral("Type eq '%1'").arg(quoted);
}

ApiError CatalogSearchRequest::parseResult(const Json &body)
{
    ApiError error = PagedRequest::parseResult(body);
    if (!error.isError())
        takeToken(body);
    return error;
}

ApiError CatalogSearchRequest::applyDecodedPage(std::any &decoded, const Json &links)
{
    ApiError error = PagedRequest::applyDecodedPage(decoded, links);
    if (!error.isError())
        takeToken(links);
    return error;
}

void CatalogSearchRequest::takeToken(const Json &page)
{
    // The same query for the next page, with the token this page gave (a retry of this page
    // keeps the body it was sent with: the token changes only once a page is taken).
    const auto token = page.is_object() ? page.find("continuationToken") : page.end();
    if (token != page.end() && token->is_string() && !token->get<std::string>().empty()) {
        Json next = m_query;
        next["continuationToken"] = *token;
        setJsonBody(next);
    }
}

} // namespace fmc
