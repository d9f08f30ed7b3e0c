#include "ui/profiles/profilemanagerdialog.h"

#include "app/auth/secretstore.h" // tokensession.h's inline secretStore() needs the whole type
#include "app/profiles/profilesession.h"
#include "app/profiles/profilesessions.h"
#include "app/profiles/profilestore.h"
#include "models/displaytext.h"
#include "ui/plaintext.h"
#include "ui/profiles/profilestrip.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

namespace fmc {
namespace {

constexpr int kIdRole = Qt::UserRole;

QIcon swatch(const QColor &colour, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(colour.isValid() ? colour : Profile::defaultColour());
    return QIcon(pixmap);
}

} // namespace

ProfileManagerDialog::ProfileManagerDialog(ProfileStore *store, ProfileSessions *sessions, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_sessions(sessions)
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_label(new QLineEdit(this))
    , m_colourButton(new QPushButton(tr("Choose colour…"), this))
    , m_production(new QCheckBox(tr("&Production: ask once more before every change"), this))
    , m_apiUrl(new QLineEdit(this))
    , m_authority(new QLineEdit(this))
    , m_tenant(new QLineEdit(this))
    , m_clientId(new QLineEdit(this))
    , m_preview(new ProfileStrip(Profile(), this))
    , m_problems(new QLabel(this))
    , m_state(new QLabel(this))
    , m_new(new QPushButton(tr("&New"), this))
    , m_save(new QPushButton(tr("&Save"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
    , m_signIn(new QPushButton(tr("Sign &in"), this))
    , m_signOut(new QPushButton(tr("Sign &out"), this))
    , m_openWindow(new QPushButton(tr("Open &window"), this))
{
    setObjectName(QStringLiteral("profileManager"));
    setWindowTitle(tr("Profiles"));
    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setAccessibleName(tr("Profiles"));
    m_name->setObjectName(QStringLiteral("profileName"));
    m_label->setObjectName(QStringLiteral("profileLabel"));
    m_label->setPlaceholderText(tr("e.g. PROD (the name when empty)"));
    m_label->setMaxLength(16);
    m_colourButton->setObjectName(QStringLiteral("profileColour"));
    m_production->setObjectName(QStringLiteral("profileProduction"));
    m_apiUrl->setObjectName(QStringLiteral("profileApiUrl"));
    m_authority->setObjectName(QStringLiteral("profileAuthority"));
    m_tenant->setObjectName(QStringLiteral("profileTenant"));
    m_clientId->setObjectName(QStringLiteral("profileClientId"));
    m_clientId->setPlaceholderText(tr("application (client) id for browser and device-code sign-in"));
    m_preview->setObjectName(QStringLiteral("profilePreview"));
    m_problems->setObjectName(QStringLiteral("profileProblems"));
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setWordWrap(true);
    m_state->setObjectName(QStringLiteral("profileState"));
    m_state->setTextFormat(Qt::PlainText);
    m_state->setWordWrap(true);
    for (QPushButton *button : {m_new, m_save, m_delete, m_signIn, m_signOut, m_openWindow})
        button->setAutoDefault(false);
    m_new->setObjectName(QStringLiteral("profileNew"));
    m_save->setObjectName(QStringLiteral("profileSave"));
    m_delete->setObjectName(QStringLiteral("profileDelete"));
    m_signIn->setObjectName(QStringLiteral("profileSignIn"));
    m_signOut->setObjectName(QStringLiteral("profileSignOut"));
    m_openWindow->setObjectName(QStringLiteral("profileOpenWindow"));
    m_openWindow->setToolTip(tr("A main window of its own for this signed-in profile"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Label:"), m_label);
    auto *colourRow = new QHBoxLayout;
    colourRow->addWidget(m_colourButton);
    colourRow->addStretch();
    form->addRow(tr("Colour:"), colourRow);
    form->addRow(QString(), m_production);
    form->addRow(tr("Looks like:"), m_preview);
    form->addRow(tr("&API base URL:"), m_apiUrl);
    form->addRow(tr("Au&thority:"), m_authority);
    form->addRow(tr("&Tenant:"), m_tenant);
    form->addRow(tr("&Client id:"), m_clientId);
    form->addRow(QString(), m_problems);

    auto *sessionRow = new QHBoxLayout;
    sessionRow->addWidget(m_signIn);
    sessionRow->addWidget(m_signOut);
    sessionRow->addWidget(m_openWindow);
    sessionRow->addStretch();

    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addWidget(m_state);
    right->addLayout(sessionRow);
    right->addStretch();

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_delete);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list);
    left->addLayout(listButtons);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!item)
            return;
        if (const auto profile = m_store->find(item->data(kIdRole).toString()))
            showProfile(*profile);
    });
    for (QLineEdit *edit : {m_name, m_label, m_apiUrl, m_authority, m_tenant, m_clientId})
        connect(edit, &QLineEdit::textChanged, this, &ProfileManagerDialog::updatePreview);
    connect(m_production, &QCheckBox::toggled, this, [this](bool on) {
        // A new production profile turns red unless a colour was chosen already.
        if (on && m_colour == Profile::defaultColour())
            m_colour = Profile::productionColour();
        updatePreview();
    });
    connect(m_colourButton, &QPushButton::clicked, this, &ProfileManagerDialog::chooseColour);
    connect(m_new, &QPushButton::clicked, this, &ProfileManagerDialog::newProfile);
    connect(m_save, &QPushButton::clicked, this, &ProfileManagerDialog::save);
    connect(m_delete, &QPushButton::clicked, this, &ProfileManagerDialog::askDelete);
    connect(m_signIn, &QPushButton::clicked, this, [this] { Q_EMIT signInRequested(m_current.id); });
    connect(m_signOut, &QPushButton::clicked, this, [this] { Q_EMIT signOutRequested(m_current.id); });
    connect(m_openWindow, &QPushButton::clicked, this, [this] { Q_EMIT openWindowRequested(m_current.id); });
    connect(m_store, &ProfileStore::changed, this, &ProfileManagerDialog::reload);
    if (m_sessions)
        connect(m_sessions, &ProfileSessions::changed, this, &ProfileManagerDialog::reload);

    reload();
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        newProfile();
}

QString ProfileManagerDialog::stateText(const QString &profileId) const
{
    ProfileSession *session = m_sessions ? m_sessions->session(profileId) : nullptr;
    if (!session)
        return tr("signed out");
    switch (session->tokenSession()->state()) {
    case TokenSession::State::SignedIn: {
        const QString who = session->tokenSession()->identity().label();
        return who.isEmpty() ? tr("signed in") : tr("signed in as %1").arg(displayText(who, 80));
    }
    case TokenSession::State::SigningIn:
        return tr("signing in…");
    case TokenSession::State::SignInRequired:
        return tr("sign-in required");
    case TokenSession::State::SignedOut:
        break;
    }
    return tr("signed out");
}

void ProfileManagerDialog::reload()
{
    // Keyed by profile id: items are updated in place, so selection and scroll stay.
    const QList<Profile> profiles = m_store->profiles();
    QStringList ids;
    for (const Profile &p : profiles)
        ids << p.id;
    for (int row = m_list->count() - 1; row >= 0; --row)
        if (!ids.contains(m_list->item(row)->data(kIdRole).toString()))
            delete m_list->takeItem(row);
    const int icon = fontMetrics().height();
    for (int i = 0; i < profiles.size(); ++i) {
        const Profile &p = profiles[i];
        QListWidgetItem *item = nullptr;
        for (int row = 0; row < m_list->count() && !item; ++row)
            if (m_list->item(row)->data(kIdRole).toString() == p.id)
                item = m_list->item(row);
        if (!item) {
            item = new QListWidgetItem;
            item->setData(kIdRole, p.id);
            m_list->insertItem(i, item);
        }
        QString text = displayText(p.name, 60);
        if (!p.label.isEmpty())
            text += QStringLiteral(" [%1]").arg(displayText(p.label, 16));
        text += QStringLiteral(" — ") + stateText(p.id);
        item->setText(text);
        item->setIcon(swatch(p.colour, icon));
        item->setToolTip(p.production ? tr("Production profile") : QString());
    }
    updateButtons();
}

void ProfileManagerDialog::select(const QString &profileId)
{
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->data(kIdRole).toString() == profileId)
            m_list->setCurrentRow(row);
}

void ProfileManagerDialog::setProtectedProfile(const QString &profileId)
{
    m_protectedId = profileId;
    updateButtons();
}

void ProfileManagerDialog::showProfile(const Profile &profile)
{
    m_current = profile;
    m_colour = profile.colour;
    const QSignalBlocker block(m_production);
    m_name->setText(profile.name);
    m_label->setText(profile.label);
    m_production->setChecked(profile.production);
    m_apiUrl->setText(profile.apiBaseUrl.toString());
    m_authority->setText(profile.authority.toString());
    m_tenant->setText(profile.tenant);
    m_clientId->setText(profile.clientId);
    m_problems->clear();
    updatePreview();
    updateButtons();
}

Profile ProfileManagerDialog::formProfile() const
{
    Profile p = m_current;
    p.name = m_name->text().trimmed();
    p.label = m_label->text().trimmed();
    p.colour = m_colour;
    p.production = m_production->isChecked();
    p.apiBaseUrl = QUrl(m_apiUrl->text().trimmed(), QUrl::StrictMode);
    p.authority = QUrl(m_authority->text().trimmed(), QUrl::StrictMode);
    p.tenant = m_tenant->text().trimmed();
    p.clientId = m_clientId->text().trimmed();
    return p;
}

void ProfileManagerDialog::updatePreview()
{
    Profile p = formProfile();
    if (p.name.isEmpty())
        p.name = tr("(no name)");
    m_preview->setProfile(p);
    m_colourButton->setIcon(swatch(m_colour, fontMetrics().height()));
}

void ProfileManagerDialog::updateButtons()
{
    const bool saved = !m_current.id.isEmpty() && m_store->find(m_current.id).has_value();
    ProfileSession *session = m_sessions && saved ? m_sessions->session(m_current.id) : nullptr;
    const bool signedIn = session && session->isSignedIn();
    m_delete->setEnabled(saved && m_current.id != m_protectedId);
    m_delete->setToolTip(m_current.id == m_protectedId
                             ? tr("The console's first window uses this profile; start with another --profile to delete it.")
                             : QString());
    m_signIn->setEnabled(saved && !signedIn);
    m_signOut->setEnabled(signedIn);
    m_openWindow->setEnabled(signedIn);
    m_state->setText(saved ? tr("This profile is %1.").arg(stateText(m_current.id))
                           : tr("Save the profile to sign in with it."));
}

void ProfileManagerDialog::newProfile()
{
    Profile p;
    p.id = Profile::newId();
    p.name = tr("New profile");
    m_list->setCurrentItem(nullptr);
    showProfile(p);
    m_name->setFocus();
    m_name->selectAll();
}

void ProfileManagerDialog::save()
{
    const Profile p = formProfile();
    const QStringList problems = p.problems();
    if (!problems.isEmpty()) {
        // What was typed stays in the form; the user fixes it and saves again.
        m_problems->setText(problems.join(QLatin1Char('\n')));
        return;
    }
    m_problems->clear();
    m_current = p;
    m_store->save(p);
    select(p.id);
    Q_EMIT profileSaved(p);
}

void ProfileManagerDialog::chooseColour()
{
    auto *picker = new QColorDialog(m_colour, this);
    picker->setObjectName(QStringLiteral("profileColourPicker"));
    picker->setAttribute(Qt::WA_DeleteOnClose);
    connect(picker, &QColorDialog::colorSelected, this, [this](const QColor &colour) {
        m_colour = colour;
        updatePreview();
    });
    picker->open();
}

void ProfileManagerDialog::askDelete()
{
    const Profile p = m_current;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete profile"),
                                tr("Delete the profile \u201c%1\u201d? It is signed out and its keychain entries are "
                                   "removed; nothing changes in Fabric.")
                                    .arg(displayText(p.name, 80)),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("profileDeleteConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->button(QMessageBox::Yes)->setText(tr("Delete profile"));
    box->setDefaultButton(QMessageBox::Cancel);
    showPlainText(box);
    connect(box, &QMessageBox::finished, this, [this, box, p](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes))
            return;
        if (m_sessions)
            m_sessions->forget(p);
        m_store->remove(p.id);
        Q_EMIT profileDeleted(p.id);
        if (m_list->count() > 0)
            m_list->setCurrentRow(0);
        else
            newProfile();
    });
    box->open();
}

} // namespace fmc
