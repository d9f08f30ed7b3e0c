#pragma once

#include <QByteArray>

namespace fmc {

//! \brief Proof Key for Code Exchange (RFC 7636, method S256), which Qt NetworkAuth 6.4 lacks,
//! and the random `state` of the authorization request.
class Pkce
{
public:
    //! A fresh verifier of \a length (43..128) characters from the unreserved set, from the
    //! system's cryptographic random source.
    static QByteArray generateVerifier(int length = 64);
    //! base64url(SHA-256(verifier)) without padding: 43 characters.
    static QByteArray challengeFor(const QByteArray &verifier);
    //! An unguessable `state` value (128 bits, base64url).
    static QByteArray generateState();
    //! True when \a verifier is 43..128 characters of [A-Za-z0-9-._~].
    static bool isValidVerifier(const QByteArray &verifier);
};

} // namespace fmc
