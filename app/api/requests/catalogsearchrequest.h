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
    //! The items of any of \a itemTypes (`Type eq 'A' or Type eq 'B'`); none: every item.
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
    //! A big page is decoded in the worker (a page of 1,000 entries took 9 ms on the GUI thread);
    //! the token it kept goes into the next body here.
    ApiError applyDecodedPage(std::any &decoded, const Json &links) override;

private:
    //! The same query for the next page, with the token \a page gave (if any).
    void takeToken(const Json &page);
    Json m_query = Json::object();
};

} // namespace fmc
