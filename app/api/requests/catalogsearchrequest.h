#pragma once

#include "app/api/pagedrequest.h"
#include "models/catalogentry.h"

#include <QStringList>

namespace fmc {

//! \brief `POST /catalog/search` (Catalog_Search, preview, read-only): the items of \a itemType
//! the caller can see in every workspace, paged under `value`. The spec takes the next page's
//! `continuationToken` in the body: each page puts it there for the base's next request (which
//! also names it in the query, as for every POST-paged call; the service reads the body).
//! \a search narrows by name, workspace name or description.
class CatalogSearchRequest : public PagedRequest<CatalogEntry>
{
public:
    explicit CatalogSearchRequest(const QString &itemType, int pageSize = kDefaultPageSize, const QString &search = {});
    //! The items of any of \a itemTypes (`Type eq 'A' or Type eq 'B'`).
    explicit CatalogSearchRequest(const QStringList &itemTypes, int pageSize = kDefaultPageSize,
                                  const QString &search = {});
    //! Large pages: the fleet view wants every mirror, and the spec allows up to 1,000.
    static constexpr int kDefaultPageSize = 500;
    //! `Type eq '<type>'`, with a quote in the type doubled as the filter grammar escapes it.
    static QString typeFilter(const QString &itemType);
    //! The comparisons of typeFilter() joined with `or`.
    static QString typeFilter(const QStringList &itemTypes);

protected:
    ApiError parseResult(const Json &body) override;
    //! Pages are decoded here (parseResult), where the token is taken for the next body.
    PageDecoder pageDecoder() const override { return {}; }

private:
    Json m_query = Json::object();
};

} // namespace fmc
