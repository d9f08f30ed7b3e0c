#pragma once

#include "models/json.h"

#include <QByteArray>

#include <memory>
#include <optional>

namespace fmc::sandbox {

//! \brief Signs and verifies RS256 JSON Web Tokens with one RSA key (OpenSSL 3 EVP).
//! Copies share the key. The key of processKey() is generated once per process, so that every
//! emulator a test creates reuses it instead of paying for a 2048-bit key generation each time.
class JwtSigner
{
public:
    //! The process-wide signing key (generated on first use; thread-safe).
    static JwtSigner processKey();

    //! The key id: the RFC 7638 JWK thumbprint of the public key, base64url.
    QByteArray keyId() const;
    //! The public key as a JWK (kty, use, kid, n, e; n and e base64url without padding).
    Json publicJwk() const;

    //! Returns the compact serialisation header.claims.signature; \a header gets alg and kid.
    QByteArray sign(Json header, const Json &claims) const;

    //! A token whose signature checks out with this key.
    struct Verified {
        Json header;
        Json claims;
    };
    //! std::nullopt unless \a token is three base64url parts with JSON header and claims,
    //! alg RS256, our kid and a valid signature. \a malformed tells "not a JWT" from "bad signature".
    std::optional<Verified> verify(const QByteArray &token, bool *malformed = nullptr) const;

    static QByteArray base64Url(const QByteArray &bytes);
    static std::optional<QByteArray> fromBase64Url(const QByteArray &text);

private:
    struct Key;
    static std::shared_ptr<const Key> generateKey();
    explicit JwtSigner(std::shared_ptr<const Key> key);
    std::shared_ptr<const Key> m_key;
};

} // namespace fmc::sandbox
