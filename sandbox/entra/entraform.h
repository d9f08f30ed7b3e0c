#pragma once

#include "sandbox/sandboxhttp.h"

#include <QString>
#include <QUrlQuery>

namespace fmc::sandbox {

//! \brief The form-encoded parameters of an Entra ID request, read the way Entra reads them.
class EntraForm
{
public:
    //! The parameters of a form-encoded body. Entra reads only application/x-www-form-urlencoded:
    //! any other body reads as empty, so a JSON body fails with "must contain 'grant_type'", as there.
    static QUrlQuery of(const SandboxRequest &request);

    //! The decoded value of \a name in \a query (empty if absent).
    static QString field(const QUrlQuery &query, const QString &name);
};

} // namespace fmc::sandbox
