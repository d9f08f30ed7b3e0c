#pragma once

#include "models/json.h"
#include "sandbox/sandboxhttp.h"

#include <QDateTime>
#include <QString>

namespace fmc::sandbox {

//! \brief Builds the responses of the Entra ID endpoints in the shapes Entra ID v2 sends.
class EntraReply
{
public:
    //! A JSON body with the no-store caching headers of the token endpoints, and the request ids.
    static SandboxResponse json(const SandboxRequest &request, int status, const Json &body);

    //! An OAuth 2.0 error body as Entra sends it:
    //! {"error", "error_description": "AADSTSnnn: ...\r\nTrace ID...", "error_codes": [nnn],
    //!  "timestamp", "trace_id", "correlation_id", "error_uri"}.
    static SandboxResponse oauthError(const SandboxRequest &request, const QDateTime &now, int status,
                                      const QString &error, int aadstsCode, const QString &description);

    //! 302 to \a location.
    static SandboxResponse redirect(const QUrl &location);

    //! A small HTML page (the sign-in pages a browser sees); \a bodyHtml must already be escaped.
    static SandboxResponse html(int status, const QString &title, const QString &bodyHtml);

    //! The client's `client-request-id` when it sent a GUID, else a fresh one.
    static QString correlationId(const SandboxRequest &request);
};

} // namespace fmc::sandbox
