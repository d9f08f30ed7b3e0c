#pragma once

#include "app/api/apirequest.h"
#include "app/api/apiresult.h"

#include <QList>

namespace fmc {

//! \brief A paged list call: each page's items (under `value`, or `data` for table status) are
//! available in lastPage() when pageReceived() fires, and all of them in result() at the end.
class PagedRequest : public ApiRequest
{
    Q_OBJECT
public:
    using Page = QList<Json>;
    using Value = QList<Json>;

    const Page &lastPage() const { return m_lastPage; }
    const Value &items() const { return m_items; }
    ApiResult<Value> result() const { return {m_items, error()}; }

protected:
    PagedRequest(QByteArray verb, QString path, QUrlQuery query, const char *itemsKey = "value");
    ApiError parseResult(const Json &body) override;

private:
    const char *m_itemsKey;
    Page m_lastPage;
    Value m_items;
};

} // namespace fmc
