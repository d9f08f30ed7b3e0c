#pragma once

#include "models/enumtext.h"
#include "models/json.h"

#include <QDateTime>
#include <QString>

#include <array>
#include <optional>

namespace fmc {

enum class ConnectivityType {
    Unknown, ShareableCloud, PersonalCloud, OnPremisesGateway, OnPremisesGatewayPersonal,
    VirtualNetworkGateway, StreamingVirtualNetworkGateway, Automatic, None
};
constexpr auto enumNames(ConnectivityType)
{
    return std::array<std::string_view, 8> {"ShareableCloud", "PersonalCloud", "OnPremisesGateway",
                                            "OnPremisesGatewayPersonal", "VirtualNetworkGateway",
                                            "StreamingVirtualNetworkGateway", "Automatic", "None"};
}

enum class PrivacyLevel { Unknown, None, Private, Organizational, Public };
constexpr auto enumNames(PrivacyLevel)
{
    return std::array<std::string_view, 4> {"None", "Private", "Organizational", "Public"};
}

//! \brief A connection from `GET /v1/connections`; its id is what a mirroring.json
//! `source.typeProperties.connection` refers to (docs/fabric-api-notes.md#workspaces-and-connections).
//!
//! The credential fields are kept as text: they are shown, never acted upon.
struct Connection
{
    //! `connectionDetails`, e.g. `{type: "SQL", path: "contoso.database.windows.net;sales"}`.
    struct Details
    {
        QString type;
        QString path;
        Json extra;

        static std::optional<Details> fromJson(const Json &json, QString *error = nullptr);
        Json toJson() const;
        bool operator==(const Details &) const = default;
    };

    //! `credentialDetails` (never contains a secret).
    struct CredentialDetails
    {
        QString credentialType;       //!< Basic, OAuth2, ServicePrincipal, …
        QString singleSignOnType;     //!< None, Kerberos, MicrosoftEntraID, …
        QString connectionEncryption; //!< Encrypted, Any, NotEncrypted
        std::optional<bool> skipTestConnection;
        Json extra;

        static std::optional<CredentialDetails> fromJson(const Json &json, QString *error = nullptr);
        Json toJson() const;
        bool operator==(const CredentialDetails &) const = default;
    };

    QString id;
    QString displayName;
    QString gatewayId;
    EnumText<ConnectivityType> connectivityType;
    std::optional<Details> connectionDetails;
    EnumText<PrivacyLevel> privacyLevel;
    std::optional<CredentialDetails> credentialDetails;
    std::optional<bool> allowConnectionUsageInGateway;  //!< ShareableCloud and PersonalCloud.
    std::optional<bool> allowUsageInUserControlledCode; //!< ShareableCloud.
    Json extra; //!< Unknown fields, including `connectionRecency` (kept, not interpreted).

    static std::optional<Connection> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const Connection &) const = default;
};

} // namespace fmc
