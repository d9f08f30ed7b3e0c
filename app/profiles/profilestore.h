#pragma once

#include "app/profiles/profile.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <optional>

class QSettings;

namespace fmc {

//! \brief The profiles, kept in QSettings under `profiles/` (one group per profile id, their
//! order in `profiles/order`, the format in `profiles/formatVersion`). Never a secret.
//!
//! Upgrade: a settings file written before profiles existed has no `profiles/formatVersion`;
//! migrateLegacySettings() turns its single set of endpoints and sign-in values into the first
//! profile and marks the file, so that a second start does not migrate again. The old keys are
//! left where they were (an older console still starts with them).
class ProfileStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int kFormatVersion = 1;

    //! Reads and writes through \a settings (owned by the caller).
    explicit ProfileStore(QSettings *settings, QObject *parent = nullptr);

    //! Every profile, in the user's order; \a problems gets one sentence per invalid value.
    QList<Profile> profiles(QStringList *problems = nullptr) const;
    //! The profile whose id, name or label is \a key (case-insensitive for names), if any.
    std::optional<Profile> find(const QString &key) const;
    //! Inserts \a profile (appended) or replaces the one with its id. Emits changed().
    void save(const Profile &profile);
    //! Removes the profile \a id from the file. Emits changed().
    void remove(const QString &id);

    //! The profile used last (started with), or empty.
    QString lastUsedId() const;
    void setLastUsedId(const QString &id);

    //! True when the file predates profiles (no format marker yet).
    bool needsMigration() const;
    //! \brief Makes today's settings (api/baseUrl, auth/*, signIn/*) the first profile, marks the
    //! file migrated and returns that profile. Call only when needsMigration().
    Profile migrateLegacySettings();

Q_SIGNALS:
    void changed();

private:
    QStringList order() const;
    Profile read(const QString &id) const;
    void write(const Profile &profile);

    QSettings *m_settings;
};

} // namespace fmc
