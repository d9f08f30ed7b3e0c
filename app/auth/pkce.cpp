#include "app/auth/pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <cstring>

namespace fmc {
namespace {

constexpr char kUnreserved[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

} // namespace

QByteArray Pkce::generateVerifier(int length)
{
    length = qBound(43, length, 128);
    QByteArray verifier(length, Qt::Uninitialized);
    auto *rng = QRandomGenerator::system();
    // 66 symbols: bounded() picks uniformly, so there is no modulo bias.
    for (char &c : verifier)
        c = kUnreserved[rng->bounded(int(sizeof kUnreserved - 1))];
    return verifier;
}

QByteArray Pkce::challengeFor(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(kBase64Url);
}

QByteArray Pkce::generateState()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return bytes.toBase64(kBase64Url);
}

bool Pkce::isValidVerifier(const QByteArray &verifier)
{
    if (verifier.size() < 43 || verifier.size() > 128)
        return false;
    for (char c : verifier)
        if (!std::strchr(kUnreserved, c) || c == '\0')
            return false;
    return true;
}

} // namespace fmc
