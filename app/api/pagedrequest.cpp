#include "app/api/pagedrequest.h"

namespace fmc {

PagedRequest::PagedRequest(QByteArray verb, QString path, QUrlQuery query, const char *itemsKey)
    : ApiRequest(std::move(verb), std::move(path), std::move(query), Safety::Idempotent)
    , m_itemsKey(itemsKey)
{
    setPaged(true);
}

ApiError PagedRequest::parseResult(const Json &body)
{
    // The items are required by the spec; a page without them is not a page.
    if (!body.is_object())
        return ApiError(ApiError::Kind::Decode, tr("Expected a JSON object in the list response."));
    const auto it = body.find(m_itemsKey);
    if (it == body.end() || !it->is_array())
        return ApiError(ApiError::Kind::Decode, tr("The list response has no \"%1\" array.").arg(QLatin1String(m_itemsKey)));
    m_lastPage.clear();
    m_lastPage.reserve(qsizetype(it->size()));
    for (const Json &item : *it)
        m_lastPage.append(item);
    m_items.append(m_lastPage);
    return {};
}

} // namespace fmc
