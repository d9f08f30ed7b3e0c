#pragma once

#include "app/profiles/profile.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace fmc {

class ProfileSessions;
class ProfileStore;
class ProfileStrip;

//! \brief File ▸ Profiles…: create, edit and delete profiles (name, label, colour, production,
//! cloud, tenant, client id), and sign each in or out or open a window for it.
//!
//! Edits go to the ProfileStore on Save, after the same checks the store reports (a bad value
//! stays in the form with a sentence, nothing is lost). Signing in, out and opening windows are
//! the console's business: the dialog asks for them by signal.
class ProfileManagerDialog : public QDialog
{
    Q_OBJECT
public:
    ProfileManagerDialog(ProfileStore *store, ProfileSessions *sessions, QWidget *parent = nullptr);

    //! Selects \a profileId in the list (and shows it in the form).
    void select(const QString &profileId);
    //! \brief \a profileId cannot be deleted here (the console's first window uses it; start
    //! with another --profile to delete it).
    void setProtectedProfile(const QString &profileId);
    //! The id of the profile in the form; empty for a new one not yet saved.
    QString currentId() const { return m_current.id; }

Q_SIGNALS:
    void signInRequested(const QString &profileId);
    void signOutRequested(const QString &profileId);
    void openWindowRequested(const QString &profileId);
    //! A profile was saved (created or edited).
    void profileSaved(const fmc::Profile &profile);
    //! A profile was deleted (after the user confirmed).
    void profileDeleted(const QString &profileId);

private:
    void reload();
    void showProfile(const Profile &profile);
    Profile formProfile() const;
    void updatePreview();
    void updateButtons();
    void save();
    void askDelete();
    void chooseColour();
    void newProfile();
    QString stateText(const QString &profileId) const;

    ProfileStore *m_store;
    QPointer<ProfileSessions> m_sessions;
    Profile m_current;
    QString m_protectedId;
    QColor m_colour;
    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_label;
    QPushButton *m_colourButton;
    QCheckBox *m_production;
    QLineEdit *m_apiUrl;
    QLineEdit *m_authority;
    QLineEdit *m_tenant;
    QLineEdit *m_clientId;
    ProfileStrip *m_preview;
    QLabel *m_problems;
    QLabel *m_state;
    QPushButton *m_new;
    QPushButton *m_save;
    QPushButton *m_delete;
    QPushButton *m_signIn;
    QPushButton *m_signOut;
    QPushButton *m_openWindow;
};

} // namespace fmc
