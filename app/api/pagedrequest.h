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

    //! \brief Whether result() collects every page (the default). Off, only lastPage() is kept:
    //! for a caller that handles pages as they come and would otherwise hold them all twice.
    void setKeepsItems(bool keep) { m_keepItems = keep; }

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
        return take(std::move(page), why);
    }

    PageDecoder pageDecoder() const override
    {
        return [](const Json &body) -> std::any {
            Decoded decoded;
            decoded.page = fmc::Page<T>::fromJson(body, &decoded.why);
            return decoded;
        };
    }

    ApiError applyDecodedPage(std::any &decoded, const Json &) override
    {
        Decoded *d = std::any_cast<Decoded>(&decoded);
        if (!d)
            return ApiError(ApiError::Kind::Decode, QStringLiteral("A page was decoded as another type."));
        return take(std::move(d->page), d->why);
    }

private:
    struct Decoded {
        std::optional<fmc::Page<T>> page;
        QString why;
    };

    ApiError take(std::optional<fmc::Page<T>> page, const QString &why)
    {
        if (!page)
            return ApiError(ApiError::Kind::Decode, why);
        m_lastPage = std::move(page->items);
        if (m_keepItems)
            m_items.append(m_lastPage);
        return {};
    }

    Page m_lastPage;
    Value m_items;
    bool m_keepItems = true;
};

} // namespace fmc
