#include "app/profiles/profilesecretmigration.h"

#include "app/auth/credential.h"
#include "app/auth/secretstore.h"
#include "app/auth/tokensession.h"

#include <QPointer>
#include <QTimer>

#include <memory>

namespace fmc {

QStringList ProfileSecretMigration::accountKeys(const Profile &migrated)
{
    const AuthConfig user = migrated.authConfig();
    QStringList keys{QStringLiteral("refresh_token:") + Credential::accountKeyOf(user)};
    if (!migrated.servicePrincipalId.isEmpty()) {
        AuthConfig principal = user;
        principal.tenant = migrated.servicePrincipalTenant.isEmpty() ? user.tenant : migrated.servicePrincipalTenant;
        principal.clientId = migrated.servicePrincipalId;
        keys << QStringLiteral("refresh_token:") + Credential::accountKeyOf(principal)
             << TokenSession::clientSecretKey(principal);
    }
    keys.removeDuplicates();
    return keys;
}

void ProfileSecretMigration::run(SecretStore *store, const Profile &migrated, QObject *context,
                                 std::function<void(int copied)> done)
{
    const QStringList keys = accountKeys(migrated);
    struct Progress {
        int waiting = 0;
        int copied = 0;
    };
    auto progress = std::make_shared<Progress>();
    progress->waiting = int(keys.size());
    QPointer<SecretStore> guard(store);
    for (const QString &key : keys) {
        store->read(key, context, [guard, key, prefix = migrated.keyPrefix(), progress, done](const QString &secret) {
            if (!secret.isEmpty() && guard) {
                guard->write(prefix + key, secret);
                ++progress->copied;
            }
            if (--progress->waiting == 0)
                done(progress->copied);
        });
    }
}

} // namespace fmc
