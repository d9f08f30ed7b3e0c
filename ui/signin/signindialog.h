#pragma once

#include "app/auth/authconfig.h"
#include "app/auth/credential.h"

#include <QDateTime>
#include <QDialog>
#include <QPointer>
#include <QProcessEnvironment>
#include <QTimer>
#include <QUrl>

#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace fmc {

class TokenSession;

//! \brief Signs a TokenSession in with any provider of app/auth: device code (code, link, copy
//! and open-browser buttons, expiry countdown), browser (system browser, loopback redirect),
//! service principal (tenant, client id, secret), environment, Azure CLI and a pasted token.
//! The sign-in runs in the background with progress and can be cancelled; a failure is shown
//! with the service's code (AADSTS..., invalid_client, ...) and the dialog stays open.
//! It accepts itself once the session is signed in. Secrets typed here are cleared from the
//! widgets as soon as they were handed to the credential.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    //! Opens links (verification page, authorize URL); QDesktopServices::openUrl by default.
    using UrlOpener = std::function<bool(const QUrl &url)>;

    //! \a base names the authority, the tenant and the public client used by device code and
    //! browser sign-in (and the time scale, for tests against the sandbox).
    SignInDialog(TokenSession *session, const AuthConfig &base, QWidget *parent = nullptr);
    ~SignInDialog() override;

    //! Shows \a kind's page.
    void setMethod(Credential::Kind kind);
    Credential::Kind method() const;
    //! "Last signed in as \a account" above the pages (empty: hidden).
    void setRememberedAccount(const QString &account);
    //! Prefills the service principal page (never the secret).
    void setServicePrincipal(const QString &tenant, const QString &clientId);
    QString servicePrincipalTenant() const;
    QString servicePrincipalClientId() const;
    //! The environment read by the environment and token pages (tests; default: the process's).
    void setEnvironment(const QProcessEnvironment &environment);
    void setUrlOpener(UrlOpener opener);
    //! The Azure CLI program (default "az" on PATH).
    void setAzureCliProgram(const QString &program);
    //! Says where the sign-in goes ("Fabric API at ..."), under the title.
    void setEndpointDescription(const QString &text);

    //! Starts signing in with the current page (the Sign in button).
    void startSignIn();
    //! Stops a sign-in in progress; the dialog stays open.
    void cancelSignIn();
    bool isBusy() const { return m_busy; }
    //! The last failure shown, or empty.
    QString errorText() const;

    void reject() override;

Q_SIGNALS:
    //! The session signed in with \a kind; the dialog accepts right after.
    void signedIn(fmc::Credential::Kind kind);

private:
    QWidget *createDeviceCodePage();
    QWidget *createBrowserPage();
    QWidget *createServicePrincipalPage();
    QWidget *createEnvironmentPage();
    QWidget *createAzureCliPage();
    QWidget *createTokenPage();
    void refreshPageState();
    void setBusy(bool busy, const QString &status = {});
    void showError(const QString &text);
    void onDeviceCode(const QString &userCode, const QUrl &verificationUri, const QDateTime &expiresAtUtc);
    void updateExpiry();
    void onSessionStateChanged();
    void onSignInFailed(const QString &code, const QString &message);
    void clearSecrets();
    bool openUrl(const QUrl &url);
    //! Why the current page cannot sign in yet (empty when it can).
    QString pageProblem() const;

    QPointer<TokenSession> m_session;
    AuthConfig m_base;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    UrlOpener m_opener;
    QString m_azProgram = QStringLiteral("az");
    bool m_busy = false;
    QPointer<Credential> m_credential; //!< the credential this dialog started (owned by the session)
    Credential::Kind m_startedKind = Credential::Kind::DeviceCode;

    QListWidget *m_methods = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_endpoint = nullptr;
    QLabel *m_remembered = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_error = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_signIn = nullptr;
    QPushButton *m_cancel = nullptr;

    // Device code page
    QWidget *m_deviceBox = nullptr;
    QLabel *m_deviceIntro = nullptr;
    QLabel *m_userCode = nullptr;
    QLabel *m_verificationLink = nullptr;
    QLabel *m_expiry = nullptr;
    QUrl m_verificationUri;
    QDateTime m_expiresAtUtc;
    QTimer m_expiryTick;
    // Browser page
    QWidget *m_browserBox = nullptr;
    QLabel *m_browserIntro = nullptr;
    QLabel *m_authorizeLink = nullptr;
    QUrl m_authorizeUrl;
    // Service principal page
    QLineEdit *m_spTenant = nullptr;
    QLineEdit *m_spClientId = nullptr;
    QLineEdit *m_spSecret = nullptr;
    QLabel *m_spProblem = nullptr; //!< why the tenant is refused
    // Environment page
    QLabel *m_environmentState = nullptr;
    // Azure CLI page
    QLabel *m_azState = nullptr;
    // Token page
    QLineEdit *m_token = nullptr;
    QLabel *m_tokenHint = nullptr;
};

} // namespace fmc
