#include "ui/signin/signindialog.h"

#include "app/auth/azureclicredential.h"
#include "app/auth/browsercredential.h"
#include "app/auth/credentialfactory.h"
#include "app/auth/devicecodecredential.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"
#include "app/settings/consolesettings.h"
#include "models/displaytext.h"
#include "ui/themecolours.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace fmc {
namespace {

QLabel *wrappedLabel(const QString &text = {}, const QString &name = {})
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText); // statuses and errors quote the identity provider
    if (!name.isEmpty())
        label->setObjectName(name);
    return label;
}

QLabel *linkLabel(const QString &name)
{
    auto *label = wrappedLabel({}, name);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    return label;
}

QString linkHtml(const QUrl &url)
{
    // An authorize URL is several hundred characters without a space: a label cannot wrap it,
    // so the text stops at the path (the link itself and "Copy link" keep the whole URL).
    const QString shown = url.hasQuery() ? url.toDisplayString(QUrl::RemoveQuery) + QStringLiteral("?…")
                                         : url.toDisplayString();
    const QString text = shown.toHtmlEscaped();
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(QString::fromUtf8(url.toEncoded()).toHtmlEscaped(), text);
}

QPushButton *button(const QString &text, const QString &name)
{
    auto *b = new QPushButton(text);
    b->setObjectName(name);
    b->setAutoDefault(false);
    return b;
}

// A sentence for the user, with the service's code when the message does not already carry it
// (Entra's own descriptions start with "AADSTSnnnn:", which is what support asks for).
QString readableError(const QString &code, const QString &message)
{
    QString text = message.trimmed();
    if (text.isEmpty()) {
        if (code == QLatin1String("authorization_declined") || code == QLatin1String("access_denied"))
            text = SignInDialog::tr("The sign-in was declined.");
        else if (code == QLatin1String("expired_token"))
            text = SignInDialog::tr("The code expired before the sign-in finished. Start again.");
        else
            text = SignInDialog::tr("The sign-in did not succeed.");
    }
    if (!code.isEmpty() && !text.contains(code))
        text += QStringLiteral(" (%1)").arg(code);
    return text;
}

} // namespace

SignInDialog::SignInDialog(TokenSession *session, const AuthConfig &base, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_base(base)
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setWindowTitle(tr("Sign in"));
    setObjectName(QStringLiteral("signInDialog"));

    auto *layout = new QVBoxLayout(this);
    m_endpoint = wrappedLabel({}, QStringLiteral("endpointLabel"));
    m_endpoint->hide();
    layout->addWidget(m_endpoint);
    m_remembered = wrappedLabel({}, QStringLiteral("rememberedLabel"));
    m_remembered->hide();
    layout->addWidget(m_remembered);

    auto *body = new QHBoxLayout;
    m_methods = new QListWidget;
    m_methods->setObjectName(QStringLiteral("methodList"));
    m_methods->setAccessibleName(tr("Sign-in method"));
    const auto kinds = CredentialFactory::kinds();
    for (Credential::Kind kind : kinds) {
        auto *item = new QListWidgetItem(CredentialFactory::displayName(kind), m_methods);
        item->setData(Qt::UserRole, int(kind));
    }
    m_methods->setMaximumWidth(m_methods->sizeHintForColumn(0) + 24);
    m_methods->setMinimumWidth(m_methods->sizeHintForColumn(0) + 12);
    body->addWidget(m_methods);

    m_pages = new QStackedWidget;
    m_pages->setObjectName(QStringLiteral("methodPages"));
    for (Credential::Kind kind : kinds) {
        switch (kind) {
        case Credential::Kind::DeviceCode: m_pages->addWidget(createDeviceCodePage()); break;
        case Credential::Kind::Browser: m_pages->addWidget(createBrowserPage()); break;
        case Credential::Kind::ClientSecret: m_pages->addWidget(createServicePrincipalPage()); break;
        case Credential::Kind::Environment: m_pages->addWidget(createEnvironmentPage()); break;
        case Credential::Kind::AzureCli: m_pages->addWidget(createAzureCliPage()); break;
        case Credential::Kind::StaticToken: m_pages->addWidget(createTokenPage()); break;
        }
    }
    body->addWidget(m_pages, 1);
    layout->addLayout(body, 1);

    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("signInProgress"));
    m_progress->setRange(0, 0); // busy indicator: no protocol tells how far along it is
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->hide();
    layout->addWidget(m_progress);
    m_status = wrappedLabel({}, QStringLiteral("statusLabel"));
    layout->addWidget(m_status);
    m_error = wrappedLabel({}, QStringLiteral("errorLabel"));
    m_error->setStyleSheet(QStringLiteral("color: %1;").arg(ThemeColours::failed(palette()).name()));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse); // so an AADSTS code can be copied
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_signIn = button(tr("Sign in"), QStringLiteral("signInButton"));
    m_signIn->setDefault(true);
    m_cancel = button(tr("Close"), QStringLiteral("cancelButton"));
    buttons->addWidget(m_signIn);
    buttons->addWidget(m_cancel);
    layout->addLayout(buttons);

    connect(m_methods, &QListWidget::currentRowChanged, this, [this](int row) {
        m_pages->setCurrentIndex(row);
        showError({});
        refreshPageState();
    });
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::startSignIn);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_busy)
            cancelSignIn();
        else
            reject();
    });
    m_expiryTick.setInterval(1000);
    connect(&m_expiryTick, &QTimer::timeout, this, &SignInDialog::updateExpiry);
    if (m_session) {
        connect(m_session, &TokenSession::stateChanged, this, &SignInDialog::onSessionStateChanged);
        connect(m_session, &TokenSession::signInFailed, this, &SignInDialog::onSignInFailed);
    }
    m_methods->setCurrentRow(0);
    resize(720, 420);
}

SignInDialog::~SignInDialog()
{
    // Leaving with a sign-in in flight: stop it, nobody is left to show its code.
    if (m_busy && m_session && m_credential && m_session->credential() == m_credential)
        m_session->cancelSignIn();
}

QWidget *SignInDialog::createDeviceCodePage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("deviceCodePage"));
    auto *layout = new QVBoxLayout(page);
    m_deviceIntro = wrappedLabel({}, QStringLiteral("deviceCodeIntro"));
    layout->addWidget(m_deviceIntro);

    m_deviceBox = new QWidget;
    m_deviceBox->setObjectName(QStringLiteral("deviceCodeBox"));
    auto *box = new QVBoxLayout(m_deviceBox);
    box->setContentsMargins(0, 0, 0, 0);
    box->addWidget(wrappedLabel(tr("Open this page on any device:")));
    m_verificationLink = linkLabel(QStringLiteral("verificationLink"));
    connect(m_verificationLink, &QLabel::linkActivated, this, [this](const QString &) { openUrl(m_verificationUri); });
    box->addWidget(m_verificationLink);
    box->addWidget(wrappedLabel(tr("and enter the code:")));
    auto *codeRow = new QHBoxLayout;
    m_userCode = new QLabel;
    m_userCode->setObjectName(QStringLiteral("userCodeLabel"));
    m_userCode->setTextFormat(Qt::PlainText);
    m_userCode->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_userCode->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    big.setStyleHint(QFont::Monospace);
    big.setFamily(QStringLiteral("monospace"));
    m_userCode->setFont(big);
    codeRow->addWidget(m_userCode);
    auto *copy = button(tr("Copy code"), QStringLiteral("copyCodeButton"));
    connect(copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_userCode->text());
        m_status->setText(tr("Code copied to the clipboard."));
    });
    codeRow->addWidget(copy);
    auto *open = button(tr("Open browser"), QStringLiteral("openBrowserButton"));
    connect(open, &QPushButton::clicked, this, [this] {
        if (!openUrl(m_verificationUri))
            showError(tr("No browser could be opened; open %1 yourself.").arg(m_verificationUri.toDisplayString()));
    });
    codeRow->addWidget(open);
    codeRow->addStretch(1);
    box->addLayout(codeRow);
    m_expiry = wrappedLabel({}, QStringLiteral("expiryLabel"));
    box->addWidget(m_expiry);
    m_deviceBox->hide();
    layout->addWidget(m_deviceBox);
    layout->addStretch(1);
    return page;
}

QWidget *SignInDialog::createBrowserPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("browserPage"));
    auto *layout = new QVBoxLayout(page);
    m_browserIntro = wrappedLabel({}, QStringLiteral("browserIntro"));
    layout->addWidget(m_browserIntro);
    m_browserBox = new QWidget;
    m_browserBox->setObjectName(QStringLiteral("browserBox"));
    auto *box = new QVBoxLayout(m_browserBox);
    box->setContentsMargins(0, 0, 0, 0);
    box->addWidget(wrappedLabel(tr("Finish signing in in your browser; this dialog continues by itself. "
                                   "If no browser opened, open this link:")));
    m_authorizeLink = linkLabel(QStringLiteral("authorizeLink"));
    m_authorizeLink->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_authorizeLink, &QLabel::linkActivated, this, [this](const QString &) { openUrl(m_authorizeUrl); });
    box->addWidget(m_authorizeLink);
    auto *row = new QHBoxLayout;
    auto *copy = button(tr("Copy link"), QStringLiteral("copyLinkButton"));
    connect(copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(QString::fromUtf8(m_authorizeUrl.toEncoded()));
        m_status->setText(tr("Link copied to the clipboard."));
    });
    row->addWidget(copy);
    row->addStretch(1);
    box->addLayout(row);
    m_browserBox->hide();
    layout->addWidget(m_browserBox);
    layout->addStretch(1);
    return page;
}

QWidget *SignInDialog::createServicePrincipalPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("servicePrincipalPage"));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(wrappedLabel(tr("Sign in as an application (service principal) with its client secret.")));
    auto *form = new QFormLayout;
    m_spTenant = new QLineEdit;
    m_spTenant->setObjectName(QStringLiteral("spTenantEdit"));
    m_spTenant->setPlaceholderText(tr("tenant id or domain"));
    m_spClientId = new QLineEdit;
    m_spClientId->setObjectName(QStringLiteral("spClientIdEdit"));
    m_spClientId->setPlaceholderText(QStringLiteral("00000000-0000-0000-0000-000000000000"));
    m_spSecret = new QLineEdit;
    m_spSecret->setObjectName(QStringLiteral("spSecretEdit"));
    m_spSecret->setEchoMode(QLineEdit::Password);
    m_spSecret->setPlaceholderText(tr("client secret value"));
    form->addRow(tr("Tenant:"), m_spTenant);
    form->addRow(tr("Client id:"), m_spClientId);
    form->addRow(tr("Client secret:"), m_spSecret);
    layout->addLayout(form);
    // Why a tenant is refused, as soon as it is typed: not only in the Sign in button's tooltip.
    m_spProblem = wrappedLabel({}, QStringLiteral("spTenantProblem"));
    m_spProblem->setTextFormat(Qt::PlainText);
    m_spProblem->setStyleSheet(QStringLiteral("color: %1;").arg(ThemeColours::failed(palette()).name()));
    m_spProblem->hide();
    layout->addWidget(m_spProblem);
    layout->addWidget(wrappedLabel(tr("The secret is kept in the system keychain (or for this session only when "
                                      "there is none), never in the settings file.")));
    layout->addStretch(1);
    for (QLineEdit *edit : {m_spTenant, m_spClientId, m_spSecret})
        connect(edit, &QLineEdit::textChanged, this, &SignInDialog::refreshPageState);
    return page;
}

QWidget *SignInDialog::createEnvironmentPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("environmentPage"));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(wrappedLabel(tr("Sign in as the service principal named by the environment, as the Azure "
                                      "SDKs do: AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET "
                                      "(and optionally AZURE_AUTHORITY_HOST).")));
    m_environmentState = wrappedLabel({}, QStringLiteral("environmentState"));
    m_environmentState->setTextFormat(Qt::RichText);
    layout->addWidget(m_environmentState);
    layout->addStretch(1);
    return page;
}

QWidget *SignInDialog::createAzureCliPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("azureCliPage"));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(wrappedLabel(tr("Use the account you signed in to with the Azure CLI (\"az login\"). "
                                      "The console runs \"az account get-access-token\" when it needs a token.")));
    m_azState = wrappedLabel({}, QStringLiteral("azureCliState"));
    layout->addWidget(m_azState);
    layout->addStretch(1);
    return page;
}

QWidget *SignInDialog::createTokenPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("tokenPage"));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(wrappedLabel(tr("Paste a bearer token for the Fabric API. It cannot be renewed: sign in "
                                      "again when it expires.")));
    m_token = new QLineEdit;
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("eyJ0eXAiOi..."));
    layout->addWidget(m_token);
    m_tokenHint = wrappedLabel({}, QStringLiteral("tokenHint"));
    layout->addWidget(m_tokenHint);
    layout->addStretch(1);
    connect(m_token, &QLineEdit::textChanged, this, &SignInDialog::refreshPageState);
    return page;
}

void SignInDialog::setMethod(Credential::Kind kind)
{
    const int row = int(CredentialFactory::kinds().indexOf(kind));
    if (row >= 0)
        m_methods->setCurrentRow(row);
}

Credential::Kind SignInDialog::method() const
{
    const QListWidgetItem *item = m_methods->currentItem();
    return item ? Credential::Kind(item->data(Qt::UserRole).toInt()) : Credential::Kind::DeviceCode;
}

void SignInDialog::setRememberedAccount(const QString &account)
{
    m_remembered->setText(account.isEmpty() ? QString() : tr("Last signed in as %1.").arg(displayText(account)));
    m_remembered->setVisible(!account.isEmpty());
}

void SignInDialog::setServicePrincipal(const QString &tenant, const QString &clientId)
{
    m_spTenant->setText(tenant);
    m_spClientId->setText(clientId);
}

QString SignInDialog::servicePrincipalTenant() const
{
    return m_spTenant->text().trimmed();
}

QString SignInDialog::servicePrincipalClientId() const
{
    return m_spClientId->text().trimmed();
}

void SignInDialog::setEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
    refreshPageState();
}

void SignInDialog::setUrlOpener(UrlOpener opener)
{
    m_opener = std::move(opener);
}

void SignInDialog::setAzureCliProgram(const QString &program)
{
    m_azProgram = program;
    refreshPageState();
}

void SignInDialog::setEndpointDescription(const QString &text)
{
    m_endpoint->setText(text);
    m_endpoint->setVisible(!text.isEmpty());
}

QString SignInDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

QString SignInDialog::pageProblem() const
{
    switch (method()) {
    case Credential::Kind::DeviceCode:
    case Credential::Kind::Browser:
        if (m_base.clientId.isEmpty())
            return tr("No application (client) id is configured for interactive sign-in: set one in Settings "
                      "or with --client-id.");
        return {};
    case Credential::Kind::ClientSecret: {
        const QString tenant = ConsoleSettings::checkServicePrincipalTenant(servicePrincipalTenant());
        if (!tenant.isEmpty())
            return tenant;
        if (servicePrincipalClientId().isEmpty())
            return tr("Enter the application (client) id.");
        const QString client = ConsoleSettings::checkClientId(servicePrincipalClientId());
        if (!client.isEmpty())
            return client;
        return m_spSecret->text().isEmpty() ? tr("Enter the client secret.") : QString();
    }
    case Credential::Kind::Environment: {
        QStringList missing;
        for (const char *name : {"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"})
            if (m_environment.value(QLatin1String(name)).isEmpty())
                missing << QLatin1String(name);
        if (!missing.isEmpty())
            return tr("Not set in the environment: %1.").arg(missing.join(QStringLiteral(", ")));
        const QString tenant = ConsoleSettings::checkServicePrincipalTenant(
            m_environment.value(QStringLiteral("AZURE_TENANT_ID")));
        return tenant.isEmpty() ? QString() : tr("AZURE_TENANT_ID: %1").arg(tenant);
    }
    case Credential::Kind::AzureCli: {
        const QString program = QFileInfo(m_azProgram).isAbsolute() ? m_azProgram
                                                                    : QStandardPaths::findExecutable(m_azProgram);
        if (program.isEmpty() || !QFileInfo(program).isExecutable())
            return tr("The Azure CLI (%1) was not found on PATH. Install it "
                      "(https://learn.microsoft.com/cli/azure/install-azure-cli) and run \"az login\", or choose "
                      "another way to sign in.")
                .arg(m_azProgram);
        return {};
    }
    case Credential::Kind::StaticToken:
        if (m_token->text().trimmed().isEmpty() && m_environment.value(QStringLiteral("FABRIC_TOKEN")).isEmpty())
            return tr("Paste a token, or set FABRIC_TOKEN before starting the console.");
        return {};
    }
    return {};
}

void SignInDialog::refreshPageState()
{
    const QString problem = pageProblem();
    m_signIn->setEnabled(!m_busy && problem.isEmpty());
    m_signIn->setToolTip(problem);

    const QString interactiveIntro = m_base.clientId.isEmpty() ? problem : QString();
    m_deviceIntro->setText(tr("Sign in with a code on this or any other device (phone, another computer). "
                              "Nothing is typed into this application.")
                           + (interactiveIntro.isEmpty() ? QString() : QStringLiteral("\n\n") + interactiveIntro));
    m_browserIntro->setText(tr("Sign in with your web browser. The browser returns to this application on "
                               "127.0.0.1 when you are done.")
                            + (interactiveIntro.isEmpty() ? QString() : QStringLiteral("\n\n") + interactiveIntro));

    QStringList rows;
    for (const char *name : {"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_AUTHORITY_HOST"}) {
        const QString key = QLatin1String(name);
        const QString value = m_environment.value(key);
        QString shown;
        if (value.isEmpty())
            shown = key == QLatin1String("AZURE_AUTHORITY_HOST") ? tr("not set (optional)") : tr("<b>not set</b>");
        else if (key == QLatin1String("AZURE_CLIENT_SECRET"))
            shown = tr("set (hidden)"); // the value itself is never shown
        else
            shown = value.toHtmlEscaped();
        rows << QStringLiteral("<tt>%1</tt>: %2").arg(key, shown);
    }
    m_environmentState->setText(rows.join(QStringLiteral("<br>")));

    const bool azMissing = method() == Credential::Kind::AzureCli && !problem.isEmpty();
    m_azState->setText(azMissing ? problem : tr("Found: %1").arg(QStandardPaths::findExecutable(m_azProgram).isEmpty()
                                                                 ? m_azProgram
                                                                 : QStandardPaths::findExecutable(m_azProgram)));
    if (method() != Credential::Kind::AzureCli) {
        const QString program = QFileInfo(m_azProgram).isAbsolute() ? m_azProgram
                                                                    : QStandardPaths::findExecutable(m_azProgram);
        m_azState->setText(program.isEmpty() ? tr("The Azure CLI (%1) was not found on PATH.").arg(m_azProgram)
                                             : tr("Found: %1").arg(program));
    }

    const QString tenantProblem = servicePrincipalTenant().isEmpty()
                                      ? QString()
                                      : ConsoleSettings::checkServicePrincipalTenant(servicePrincipalTenant());
    m_spProblem->setText(tenantProblem);
    m_spProblem->setVisible(!tenantProblem.isEmpty());

    m_tokenHint->setText(m_environment.value(QStringLiteral("FABRIC_TOKEN")).isEmpty()
                             ? tr("FABRIC_TOKEN is not set in the environment.")
                             : tr("FABRIC_TOKEN is set: leave the field empty to use it."));
}

void SignInDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_methods->setEnabled(!busy);
    for (QWidget *input : {static_cast<QWidget *>(m_spTenant), static_cast<QWidget *>(m_spClientId),
                           static_cast<QWidget *>(m_spSecret), static_cast<QWidget *>(m_token)})
        input->setEnabled(!busy);
    m_cancel->setText(busy ? tr("Cancel sign-in") : tr("Close"));
    if (!status.isNull())
        m_status->setText(status);
    if (!busy)
        m_expiryTick.stop();
    refreshPageState();
}

void SignInDialog::showError(const QString &text)
{
    m_error->setText(displayMessage(text));
    m_error->setVisible(!text.isEmpty());
}

bool SignInDialog::openUrl(const QUrl &url)
{
    return url.isValid() && m_opener && m_opener(url);
}

void SignInDialog::startSignIn()
{
    if (m_busy || !m_session)
        return;
    const QString problem = pageProblem();
    if (!problem.isEmpty()) {
        showError(problem);
        return;
    }
    CredentialChoice choice;
    choice.kind = method();
    choice.config = m_base;
    if (choice.kind == Credential::Kind::ClientSecret) {
        choice.config.tenant = servicePrincipalTenant();
        choice.config.clientId = servicePrincipalClientId();
        choice.clientSecret = m_spSecret->text();
    } else if (choice.kind == Credential::Kind::StaticToken) {
        choice.token = m_token->text().trimmed();
    }
    Credential *credential = CredentialFactory::create(choice, m_environment);
    // The secret now lives in the credential (and, on success, the keychain): not in a widget.
    clearSecrets();
    if (auto *device = qobject_cast<DeviceCodeCredential *>(credential)) {
        connect(device, &DeviceCodeCredential::deviceCodeReady, this,
                [this](const QString &code, const QUrl &uri, const QString &, const QDateTime &expires) {
                    onDeviceCode(code, uri, expires);
                });
    } else if (auto *browser = qobject_cast<BrowserCredential *>(credential)) {
        // The credential belongs to the session and may outlive this dialog.
        browser->setBrowserOpener([self = QPointer<SignInDialog>(this)](const QUrl &url) {
            return self && self->openUrl(url);
        });
        connect(browser, &BrowserCredential::authorizationUrlReady, this, [this](const QUrl &url) {
            m_authorizeUrl = url;
            m_authorizeLink->setText(linkHtml(url));
            m_authorizeLink->setToolTip(url.toDisplayString());
            m_browserBox->show();
        });
    } else if (auto *az = qobject_cast<AzureCliCredential *>(credential)) {
        az->setProgram(m_azProgram);
    }
    connect(credential, &Credential::progress, this, [this](const QString &message) {
        if (m_busy)
            m_status->setText(message);
    });
    m_credential = credential;
    m_startedKind = choice.kind;
    m_deviceBox->hide();
    m_browserBox->hide();
    showError({});
    setBusy(true, tr("Signing in with %1...").arg(CredentialFactory::displayName(choice.kind)));
    m_session->setCredential(credential);
    m_session->signIn();
}

void SignInDialog::cancelSignIn()
{
    if (!m_busy)
        return;
    if (m_session && m_session->credential() == m_credential)
        m_session->cancelSignIn();
    m_deviceBox->hide();
    m_browserBox->hide();
    setBusy(false, tr("Sign-in cancelled."));
}

void SignInDialog::reject()
{
    cancelSignIn();
    clearSecrets();
    QDialog::reject();
}

void SignInDialog::onDeviceCode(const QString &userCode, const QUrl &verificationUri, const QDateTime &expiresAtUtc)
{
    m_userCode->setText(userCode);
    m_verificationUri = verificationUri;
    m_verificationLink->setText(linkHtml(verificationUri));
    m_expiresAtUtc = expiresAtUtc;
    m_deviceBox->show();
    updateExpiry();
    m_expiryTick.start();
}

void SignInDialog::updateExpiry()
{
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_expiresAtUtc);
    if (left <= 0) {
        m_expiry->setText(tr("The code has expired."));
        m_expiryTick.stop();
        return;
    }
    m_expiry->setText(tr("The code expires in %1:%2.").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0')));
}

void SignInDialog::onSessionStateChanged()
{
    if (!m_busy || !m_session || m_session->credential() != m_credential
        || m_session->state() != TokenSession::State::SignedIn)
        return;
    setBusy(false, tr("Signed in as %1.").arg(m_session->identity().label()));
    Q_EMIT signedIn(m_startedKind);
    accept();
}

void SignInDialog::onSignInFailed(const QString &code, const QString &message)
{
    if (!m_busy)
        return;
    setBusy(false, tr("Sign-in failed."));
    showError(readableError(code, message));
    // The code shown can no longer be used: do not leave it on screen as if it could.
    m_deviceBox->hide();
    m_browserBox->hide();
}

void SignInDialog::clearSecrets()
{
    m_spSecret->clear();
    m_token->clear();
}

} // namespace fmc
