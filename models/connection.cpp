#include "connection.h"

#include "models/jsonfields.h"

namespace fmc {

std::optional<Connection::Details> Connection::Details::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    Details details;
    details.type = fields.string("type");
    details.path = fields.string("path");
    if (!fields.ok())
        return std::nullopt;
    details.extra = fields.extra();
    return details;
}

Json Connection::Details::toJson() const
{
    Json json = Json::object();
    putString(json, "type", type);
    putString(json, "path", path);
    putExtra(json, extra);
    return json;
}

std::optional<Connection::CredentialDetails> Connection::CredentialDetails::fromJson(const Json &json,
                                                                                     QString *error)
{
    FieldReader fields(json, error);
    CredentialDetails details;
    details.credentialType = fields.string("credentialType");
    details.singleSignOnType = fields.string("singleSignOnType");
    details.connectionEncryption = fields.string("connectionEncryption");
    details.skipTestConnection = fields.boolean("skipTestConnection");
    if (!fields.ok())
        return std::nullopt;
    details.extra = fields.extra();
    return details;
}

Json Connection::CredentialDetails::toJson() const
{
    Json json = Json::object();
    putString(json, "credentialType", credentialType);
    putString(json, "singleSignOnType", singleSignOnType);
    putString(json, "connectionEncryption", connectionEncryption);
    putBool(json, "skipTestConnection", skipTestConnection);
    putExtra(json, extra);
    return json;
}

std::optional<Connection> Connection::fromJson(const Json &json, QString *error)
{
    FieldReader fields(json, error);
    Connection connection;
    connection.id = fields.string("id", Need::Required);
    connection.displayName = fields.string("displayName");
    connection.gatewayId = fields.string("gatewayId");
    // connectivityType is the discriminator; without it we cannot tell what the connection is.
    connection.connectivityType = fields.enumText<ConnectivityType>("connectivityType", Need::Required);
    connection.connectionDetails = fields.object<Details>("connectionDetails");
    connection.privacyLevel = fields.enumText<PrivacyLevel>("privacyLevel");
    connection.credentialDetails = fields.object<CredentialDetails>("credentialDetails");
    connection.allowConnectionUsageInGateway = fields.boolean("allowConnectionUsageInGateway");
    connection.allowUsageInUserControlledCode = fields.boolean("allowUsageInUserControlledCode");
    if (!fields.ok())
        return std::nullopt;
    connection.extra = fields.extra();
    return connection;
}

Json Connection::toJson() const
{
    Json json = Json::object();
    putString(json, "id", id);
    putString(json, "displayName", displayName);
    putString(json, "gatewayId", gatewayId);
    putEnum(json, "connectivityType", connectivityType);
    putObject(json, "connectionDetails", connectionDetails);
    putEnum(json, "privacyLevel", privacyLevel);
    putObject(json, "credentialDetails", credentialDetails);
    putBool(json, "allowConnectionUsageInGateway", allowConnectionUsageInGateway);
    putBool(json, "allowUsageInUserControlledCode", allowUsageInUserControlledCode);
    putExtra(json, extra);
    return json;
}

} // namespace fmc
