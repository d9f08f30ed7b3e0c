#include "app/auth/browsercredential.h"

#include "app/auth/authlog.h"
#include "app/auth/loopbackreceiver.h"
#include "app/auth/pkce.h"
#include "app/auth/tokenendpoint.h"

#include <QDesktopServices>

#include <limits>

namespace fmc {

BrowserCredential::BrowserCredential(const AuthConfig &config, QObject *parent)
    : Credential(config, parent)
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        stopListening();
        finish(TokenGrant::failure(QStringLiteral("timeout"),
                                   tr("No answer came from the browser within %n minute(s).", nullptr,
                                      qMax(1, m_timeoutSeconds / 60))));
    });
}

void BrowserCredential::startAcquire()
{
    const QString refusal = TokenEndpoint::checkAuthority(config().authority);
    if (!refusal.isEmpty()) {
        QTimer::singleShot(0, this, [this, refusal] {
            finish(TokenGrant::failure(QStringLiteral("insecure_authority"), refusal));
        });
        return;
    }
    m_receiver = new LoopbackReceiver(this);
    QString listenError;
    if (!m_receiver->listen(&listenError)) {
        stopListening();
        QTimer::singleShot(0, this, [this, listenError] {
            finish(TokenGrant::failure(QStringLiteral("listen_failed"), listenError));
        });
        return;
    }
    m_verifier = Pkce::generateVerifier();
    const QByteArray state = Pkce::generateState();
    m_receiver->setExpectedState(state);
    m_redirectUri = m_receiver->redirectUri();
    connect(m_receiver, &LoopbackReceiver::codeReceived, this, &BrowserCredential::onCode);
    connect(m_receiver, &LoopbackReceiver::rejected, this, [this](const QString &code, const QString &message) {
        stopListening();
        finish(TokenGrant::failure(code, message));
    });

    QUrl url = endpoint()->authorizeUrl();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("client_id"), config().clientId);
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("redirect_uri"), m_redirectUri.toString());
    query.addQueryItem(QStringLiteral("response_mode"), QStringLiteral("query"));
    query.addQueryItem(QStringLiteral("scope"), config().scope + QStringLiteral(" offline_access openid profile"));
    query.addQueryItem(QStringLiteral("state"), QString::fromLatin1(state));
    query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(Pkce::challengeFor(m_verifier)));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    // Keep '+' and other reserved characters of values encoded so they survive as data.
    QString encoded;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!encoded.isEmpty())
            encoded += QLatin1Char('&');
        encoded += QString::fromLatin1(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value));
    }
    url.setQuery(encoded, QUrl::StrictMode);

    m_timeout.start(int(qMin<qint64>(config().wallMs(qint64(m_timeoutSeconds) * 1000), std::numeric_limits<int>::max())));
    qCInfo(lcAuth) << "waiting for the browser sign-in on" << m_redirectUri.toString();
    Q_EMIT authorizationUrlReady(url);
    Q_EMIT progress(tr("Continue signing in in your browser..."));
    if (!m_opener || !m_opener(url))
        Q_EMIT progress(tr("The browser did not open. Open the sign-in link yourself to continue."));
}

void BrowserCredential::onCode(const QString &code)
{
    stopListening();
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    form.addQueryItem(QStringLiteral("client_id"), config().clientId);
    form.addQueryItem(QStringLiteral("code"), code);
    form.addQueryItem(QStringLiteral("redirect_uri"), m_redirectUri.toString());
    form.addQueryItem(QStringLiteral("code_verifier"), QString::fromLatin1(m_verifier));
    form.addQueryItem(QStringLiteral("scope"), config().scope + QStringLiteral(" offline_access openid profile"));
    m_verifier.clear();
    endpoint()->post(endpoint()->tokenUrl(), form, [this](const TokenEndpointReply &reply) {
        finish(grantFrom(reply));
    });
}

void BrowserCredential::stopListening()
{
    m_timeout.stop();
    if (m_receiver) {
        m_receiver->close();
        m_receiver->disconnect(this);
        m_receiver->deleteLater();
        m_receiver = nullptr;
    }
}

void BrowserCredential::abortOperation()
{
    stopListening();
    m_verifier.clear();
}

} // namespace fmc
