#include "sandbox/entra/jwtsigner.h"

#include <QCryptographicHash>
#include <QList>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <mutex>

namespace fmc::sandbox {

struct JwtSigner::Key {
    EVP_PKEY *pkey = nullptr;
    QByteArray n;   // big-endian modulus, no leading zero
    QByteArray e;
    QByteArray kid;
    ~Key() { EVP_PKEY_free(pkey); }
};

namespace {

QByteArray bignumParam(const EVP_PKEY *pkey, const char *name)
{
    BIGNUM *bn = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, name, &bn) != 1 || !bn)
        return {};
    QByteArray bytes(BN_num_bytes(bn), Qt::Uninitialized);
    BN_bn2bin(bn, reinterpret_cast<unsigned char *>(bytes.data()));
    BN_free(bn);
    return bytes;
}

} // namespace

std::shared_ptr<const JwtSigner::Key> JwtSigner::generateKey()
{
    auto key = std::make_shared<JwtSigner::Key>();
    // 2048 bits: what Entra ID uses, and fast enough to generate once per process.
    key->pkey = EVP_RSA_gen(2048);
    Q_ASSERT(key->pkey);
    key->n = bignumParam(key->pkey, OSSL_PKEY_PARAM_RSA_N);
    key->e = bignumParam(key->pkey, OSSL_PKEY_PARAM_RSA_E);
    // RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace.
    const QByteArray canonical = "{\"e\":\"" + JwtSigner::base64Url(key->e) + "\",\"kty\":\"RSA\",\"n\":\""
                                 + JwtSigner::base64Url(key->n) + "\"}";
    key->kid = JwtSigner::base64Url(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256));
    return key;
}

JwtSigner::JwtSigner(std::shared_ptr<const Key> key)
    : m_key(std::move(key))
{
}

JwtSigner JwtSigner::processKey()
{
    // Leaked on purpose: the key lives as long as the process and is shared by every emulator.
    static std::once_flag once;
    static std::shared_ptr<const Key> *key = nullptr;
    std::call_once(once, [] { key = new std::shared_ptr<const Key>(generateKey()); });
    return JwtSigner(*key);
}

QByteArray JwtSigner::keyId() const
{
    return m_key->kid;
}

Json JwtSigner::publicJwk() const
{
    return Json{{"kty", "RSA"},
                {"use", "sig"},
                {"kid", m_key->kid.toStdString()},
                {"n", base64Url(m_key->n).toStdString()},
                {"e", base64Url(m_key->e).toStdString()}};
}

QByteArray JwtSigner::sign(Json header, const Json &claims) const
{
    header["alg"] = "RS256";
    header["kid"] = m_key->kid.toStdString();
    const QByteArray signingInput = base64Url(dumpJson(header)) + '.' + base64Url(dumpJson(claims));

    QByteArray signature;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t length = 0;
    const auto *input = reinterpret_cast<const unsigned char *>(signingInput.constData());
    if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, m_key->pkey) == 1
        && EVP_DigestSign(ctx, nullptr, &length, input, size_t(signingInput.size())) == 1) {
        signature.resize(qsizetype(length));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(signature.data()), &length, input,
                           size_t(signingInput.size())) == 1)
            signature.resize(qsizetype(length));
        else
            signature.clear();
    }
    EVP_MD_CTX_free(ctx);
    return signingInput + '.' + base64Url(signature);
}

std::optional<JwtSigner::Verified> JwtSigner::verify(const QByteArray &token, bool *malformed) const
{
    if (malformed)
        *malformed = true;
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return std::nullopt;
    const auto headerBytes = fromBase64Url(parts[0]);
    const auto claimBytes = fromBase64Url(parts[1]);
    const auto signature = fromBase64Url(parts[2]);
    if (!headerBytes || !claimBytes || !signature)
        return std::nullopt;
    auto header = parseJson(*headerBytes, nullptr, JsonLimits{64 * 1024, 8});
    auto claims = parseJson(*claimBytes, nullptr, JsonLimits{64 * 1024, 8});
    if (!header || !claims || !header->is_object() || !claims->is_object())
        return std::nullopt;
    if (malformed)
        *malformed = false;
    // The header is untrusted until the signature checks out: never assume a member's type.
    const auto alg = header->find("alg");
    const auto kid = header->find("kid");
    if (alg == header->end() || kid == header->end() || *alg != "RS256" || *kid != m_key->kid.toStdString())
        return std::nullopt;

    const QByteArray signingInput = parts[0] + '.' + parts[1];
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, m_key->pkey) == 1
                    && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature->constData()),
                                        size_t(signature->size()),
                                        reinterpret_cast<const unsigned char *>(signingInput.constData()),
                                        size_t(signingInput.size())) == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok)
        return std::nullopt;
    return Verified{std::move(*header), std::move(*claims)};
}

QByteArray JwtSigner::base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> JwtSigner::fromBase64Url(const QByteArray &text)
{
    auto result = QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding
                                                           | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return *result;
}

} // namespace fmc::sandbox
