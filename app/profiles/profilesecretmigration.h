#pragma once

#include "app/profiles/profile.h"

#include <QObject>
#include <QStringList>

#include <functional>

namespace fmc {

class SecretStore;

//! \brief Copies the keychain entries today's console wrote (keys without a profile prefix) to
//! the first profile's keys, at the upgrade. The old entries stay: nothing is lost if the copy
//! is interrupted, and an older console still finds them.
class ProfileSecretMigration
{
public:
    //! \brief The keychain keys (without prefix) a sign-in with \a profile's values writes: the
    //! refresh token of the interactive account, and the service principal's refresh token and
    //! secret. Today's console wrote exactly these; a profile writes them after its keyPrefix().
    static QStringList accountKeys(const Profile &profile);
    //! \brief Reads every legacy key from \a store and writes each one found under
    //! \a migrated's prefix; then calls \a done (asynchronously, unless \a context is gone) with
    //! how many were copied.
    static void run(SecretStore *store, const Profile &migrated, QObject *context, std::function<void(int copied)> done);
};

} // namespace fmc
