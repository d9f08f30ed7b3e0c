#include "connection.h"

#include "models/jsonfields.h"

namespace fmc {

// The fields of Details, read and written by this one list (in this order).
constexpr auto kConnectionDetailsFields = [](auto &fields, auto &value) {
    fields.field("type", value.type);
    fields.field("path", value.path);
};

std::optional<Connection::Details> Connection::Details::fromJson(const Json &json, QString *error)
{
    return readFields<Connection::Details>(json, error, kConnectionDetailsFields);
}

Json Connection::Details::toJson() const
{
    return writeFields(*this, kConnectionDetailsFields);
}

// The fields of CredentialDetails, read and written by this one list (in this order).
constexpr auto kConnectionCredentialDetailsFields = [](auto &fields, auto &value) {
    fields.field("credentialType", value.credentialType);
    fields.field("singleSignOnType", value.singleSignOnType);
    fields.field("connectionEncryption", value.connectionEncryption);
    fields.field("skipTestConnection", value.skipTestConnection);
};

std::optional<Connection::CredentialDetails> Connection::CredentialDetails::fromJson(const Json &json, QString *error)
{
    return readFields<Connection::CredentialDetails>(json, error, kConnectionCredentialDetailsFields);
}

Json Connection::CredentialDetails::toJson() const
{
    return writeFields(*this, kConnectionCredentialDetailsFields);
}

// The fields of Connection, read and written by this one list (in this order).
constexpr auto kConnectionFields = [](auto &fields, auto &value) {
    fields.field("id", value.id, Need::Required);
    fields.field("displayName", value.displayName);
    fields.field("gatewayId", value.gatewayId);
    // connectivityType is the discriminator; without it we cannot tell what the connection is.
    fields.field("connectivityType", value.connectivityType, Need::Required);
    fields.field("connectionDetails", value.connectionDetails);
    fields.field("privacyLevel", value.privacyLevel);
    fields.field("credentialDetails", value.credentialDetails);
    fields.field("allowConnectionUsageInGateway", value.allowConnectionUsageInGateway);
    fields.field("allowUsageInUserControlledCode", value.allowUsageInUserControlledCode);
};

std::optional<Connection> Connection::fromJson(const Json &json, QString *error)
{
    return readFields<Connection>(json, error, kConnectionFields);
}

Json Connection::toJson() const
{
    return writeFields(*this, kConnectionFields);
}

} // namespace fmc
