#pragma once

#include "app/api/apirequest.h"
#include "app/api/apiresult.h"
#include "models/page.h"

#include <QList>

namespace fmc {

//! \brief A paged list call of models/ items \a T: each page's items (under `value`, or `data`
//! for table status) are in lastPage() when pageReceived() fires, and all of them in result() at
//! the end. A page that does not decode ends the call with Decode; earlier pages stay delivered.
template <typename T>
class PagedRequest : public ApiRequest
{
public:
    using Page = QList<T>;
    using Value = QList<T>;

    const Page &lastPage() const { return m_lastPage; }
    const Value &items() const { return m_items; }
    ApiResult<Value> result() const { return {m_items, error()}; }

protected:
    PagedRequest(QByteArray verb, QString path, QUrlQuery query)
        : ApiRequest(std::move(verb), std::move(path), std::move(query), Safety::Idempotent)
    {
        setPaged(true);
    }

    ApiError parseResult(const Json &body) override
    {
        QString why;
        std::optional<fmc::Page<T>> page = fmc::Page<T>::fromJson(body, &why);
        if (!page)
            return ApiError(ApiError::Kind::Decode, why);
        m_lastPage = std::move(page->items);
        m_items.append(m_lastPage);
        return {};
    }

private:
    Page m_lastPage;
    Value m_items;
};

} // namespace fmc
