#include "sandbox/entra/entradevicecodeflow.h"

#include "sandbox/entra/entraform.h"
#include "sandbox/entra/entrareply.h"
#include "sandbox/entra/entrascope.h"
#include "sandbox/entra/entratokenservice.h"

#include <QRandomGenerator>

namespace fmc::sandbox {

EntraDeviceCodeFlow::EntraDeviceCodeFlow(EntraTokenService *tokens)
    : m_tokens(tokens)
{
}

QString EntraDeviceCodeFlow::normalisedUserCode(const QString &userCode)
{
    QString code = userCode.toUpper();
    code.remove(u'-');
    code.remove(u' ');
    return code;
}

QString EntraDeviceCodeFlow::randomUserCode() const
{
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (;;) {
        QString code;
        for (int i = 0; i < 9; ++i)
            code.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]));
        if (findUserCode(code).isEmpty())
            return code;
    }
}

QString EntraDeviceCodeFlow::findUserCode(const QString &userCode) const
{
    const QString wanted = normalisedUserCode(userCode);
    for (auto it = m_grants.cbegin(); it != m_grants.cend(); ++it)
        if (it->userCode == wanted)
            return it.key();
    return {};
}

void EntraDeviceCodeFlow::forgetExpired(qint64 horizonMs)
{
    m_grants.removeIf([horizonMs](const auto &it) { return it->expiresMs < horizonMs; });
}

SandboxResponse EntraDeviceCodeFlow::start(const SandboxRequest &request)
{
    ++m_tokens->counters().deviceCodeRequests;
    const EntraOptions &options = m_tokens->options();
    const QUrlQuery form = EntraForm::of(request);
    const QString clientId = EntraForm::field(form, QStringLiteral("client_id"));
    if (clientId.isEmpty())
        return m_tokens->missingParameter(request, QStringLiteral("client_id"));
    const EntraClient *client = m_tokens->findClient(clientId);
    if (!client)
        return m_tokens->error(request, 400, QStringLiteral("unauthorized_client"), 700016,
                               QStringLiteral("Application with identifier '%1' was not found in the directory '%2'.")
                                   .arg(clientId, options.tenantId));
    if (!client->isPublic())
        return m_tokens->error(request, 400, QStringLiteral("invalid_client"), 70002,
                               QStringLiteral("The provided client is not supported for this feature. The client "
                                              "application must be marked as 'mobile.'"));
    EntraScope::Error scopeFailure;
    const auto scope = EntraScope::parse(EntraForm::field(form, QStringLiteral("scope")), options.tenantId, &scopeFailure);
    if (!scope)
        return m_tokens->scopeError(request, scopeFailure);

    const QString code = EntraTokenService::randomOpaque("DAQABIQEAAAD", 96);
    Grant grant;
    grant.userCode = randomUserCode();
    grant.clientId = client->id;
    grant.scope = scope->requested();
    grant.issuedMs = grant.lastPollMs = m_tokens->nowMs();
    grant.expiresMs = grant.issuedMs + qint64(options.deviceCodeExpiresInSeconds) * 1000;
    grant.intervalSeconds = options.deviceCodeIntervalSeconds;
    m_grants.insert(code, grant);
    m_tokens->remember(code);

    const QString verificationUri = request.publicBaseUrl.resolved(QUrl(QStringLiteral("/devicelogin"))).toString();
    return EntraReply::json(
        request, 200,
        Json{{"user_code", toStdString(grant.userCode)},
             {"device_code", toStdString(code)},
             {"verification_uri", toStdString(verificationUri)},
             {"expires_in", options.deviceCodeExpiresInSeconds},
             {"interval", options.deviceCodeIntervalSeconds},
             {"message", toStdString(QStringLiteral("To sign in, use a web browser to open the page %1 and enter the "
                                                    "code %2 to authenticate.").arg(verificationUri, grant.userCode))}});
}

SandboxResponse EntraDeviceCodeFlow::redeem(const SandboxRequest &request, const QUrlQuery &form,
                                            const EntraClient &client)
{
    // MSAL sends device_code; Entra also reads the older name "code".
    QString code = EntraForm::field(form, QStringLiteral("device_code"));
    if (code.isEmpty())
        code = EntraForm::field(form, QStringLiteral("code"));
    if (code.isEmpty())
        return m_tokens->missingParameter(request, QStringLiteral("device_code"));
    m_tokens->remember(code);
    auto it = m_grants.find(code);
    if (it == m_grants.end())
        return m_tokens->error(request, 400, QStringLiteral("bad_verification_code"), 70000,
                               QStringLiteral("The provided value for the input parameter 'device_code' is not valid."));
    Grant &grant = *it;
    if (grant.clientId.compare(client.id, Qt::CaseInsensitive) != 0)
        return m_tokens->issuedToAnotherClient(request, QStringLiteral("device code"));
    ++grant.polls;
    const qint64 t = m_tokens->nowMs();
    if (t >= grant.expiresMs) {
        ++m_tokens->counters().deviceCodePollsAfterExpiry;
        return m_tokens->error(request, 400, QStringLiteral("expired_token"), 70020,
                               QStringLiteral("The provided value for the input parameter 'device_code' is not valid. "
                                              "This device code has expired."));
    }
    const int autoApproveAfterSeconds = m_tokens->options().deviceCodeAutoApproveAfterSeconds;
    if (grant.state == State::Pending && autoApproveAfterSeconds >= 0
        && t - grant.issuedMs >= qint64(autoApproveAfterSeconds) * 1000)
        grant.state = State::Approved;
    switch (grant.state) {
    case State::Declined:
        return m_tokens->error(request, 400, QStringLiteral("authorization_declined"), 70000,
                               QStringLiteral("The end user denied the authorization request."));
    case State::Redeemed:
        return m_tokens->alreadyRedeemed(request);
    case State::Pending:
        if (t - grant.lastPollMs < qint64(grant.intervalSeconds) * 1000) {
            // RFC 8628 §3.5: the client must add 5 s to its interval for all later polls.
            grant.intervalSeconds += 5;
            grant.lastPollMs = t;
            return m_tokens->error(request, 400, QStringLiteral("slow_down"), 70016,
                                   QStringLiteral("OAuth 2.0 device flow error. Authorization is pending and the "
                                                  "client polls too often. Wait at least %1 seconds between requests.")
                                       .arg(grant.intervalSeconds));
        }
        grant.lastPollMs = t;
        return m_tokens->error(request, 400, QStringLiteral("authorization_pending"), 70016,
                               QStringLiteral("OAuth 2.0 device flow error. Authorization is pending. Continue polling."));
    case State::Approved:
        break;
    }
    grant.state = State::Redeemed;
    const auto scope = EntraScope::parse(grant.scope, m_tokens->options().tenantId, nullptr);
    return EntraReply::json(request, 200,
                            m_tokens->issueTokens(request, client, *scope, true, scope->offlineAccess(), {}));
}

bool EntraDeviceCodeFlow::decide(const QString &userCode, State decision)
{
    const QString code = findUserCode(userCode);
    if (code.isEmpty())
        return false;
    Grant &grant = m_grants[code];
    if (grant.state != State::Pending || m_tokens->nowMs() >= grant.expiresMs)
        return false;
    grant.state = decision;
    return true;
}

SandboxResponse EntraDeviceCodeFlow::loginPage(const SandboxRequest &request)
{
    if (request.method == "POST") {
        const QUrlQuery form = EntraForm::of(request);
        const bool decline = EntraForm::field(form, QStringLiteral("action")) == QLatin1String("decline");
        if (decide(EntraForm::field(form, QStringLiteral("user_code")), decline ? State::Declined : State::Approved))
            return EntraReply::html(200, QStringLiteral("fabric-sandbox sign-in"),
                                    decline ? QStringLiteral("<p>You declined to sign in on the other device.</p>")
                                            : QStringLiteral("<p>You have signed in to the application on your "
                                                             "device. You may now close this window.</p>"));
        return EntraReply::html(400, QStringLiteral("fabric-sandbox sign-in"),
                                QStringLiteral("<p>We don't recognize this code, or it has expired.</p>"));
    }
    if (request.method != "GET")
        return EntraReply::html(405, QStringLiteral("Method not allowed"), {});
    return EntraReply::html(
        200, QStringLiteral("fabric-sandbox sign-in"),
        QStringLiteral("<form method=\"post\"><p>Enter the code shown on your device to sign in as %1.</p>"
                       "<input name=\"user_code\" autofocus> <button name=\"action\" value=\"approve\">Sign in"
                       "</button> <button name=\"action\" value=\"decline\">Decline</button></form>")
            .arg(m_tokens->user().userPrincipalName.toHtmlEscaped()));
}

QString EntraDeviceCodeFlow::stateName(State state)
{
    switch (state) {
    case State::Pending: return QStringLiteral("Pending");
    case State::Approved: return QStringLiteral("Approved");
    case State::Declined: return QStringLiteral("Declined");
    case State::Redeemed: return QStringLiteral("Redeemed");
    }
    return {};
}

Json EntraDeviceCodeFlow::list() const
{
    const qint64 now = m_tokens->nowMs();
    Json list = Json::array();
    for (const Grant &grant : m_grants)
        list.push_back(Json{{"userCode", toStdString(grant.userCode)},
                            {"clientId", toStdString(grant.clientId)},
                            {"state", toStdString(now >= grant.expiresMs && grant.state == State::Pending
                                                      ? QStringLiteral("Expired") : stateName(grant.state))},
                            {"intervalSeconds", grant.intervalSeconds},
                            {"polls", grant.polls},
                            {"expiresInSeconds", qMax<qint64>(0, (grant.expiresMs - now) / 1000)}});
    return Json{{"value", list}};
}

} // namespace fmc::sandbox
