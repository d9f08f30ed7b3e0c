#pragma once

#include "app/auth/credential.h"

#include <QProcessEnvironment>

namespace fmc {

//! \brief A bearer token pasted by the user or given in FABRIC_TOKEN. Its JWT expiry is read
//! (unverified) so that an expired token is refused up front; it cannot be renewed.
class StaticTokenCredential : public Credential
{
    Q_OBJECT
public:
    //! \a token may carry a "Bearer " prefix; when empty, FABRIC_TOKEN from \a environment is used.
    StaticTokenCredential(const AuthConfig &config, const QString &token,
                          const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                          QObject *parent = nullptr);

    Kind kind() const override { return Kind::StaticToken; }
    bool isInteractive() const override { return true; }

protected:
    void startAcquire() override;
    void startRefresh(const QString &refreshToken) override;

private:
    QString m_token;
};

} // namespace fmc
