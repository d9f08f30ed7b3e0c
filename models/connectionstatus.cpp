#include "connectionstatus.h"

#include "models/jsonfields.h"

namespace fmc {

// The fields of ConnectionStatusError and ConnectionStatusResponse (connections.json), read and
// written by these lists.
constexpr auto kConnectionStatusErrorFields = [](auto &fields, auto &value) {
    fields.field("errorCode", value.errorCode, Need::Required);
    fields.field("message", value.message, Need::Required);
};

constexpr auto kConnectionStatusFields = [](auto &fields, auto &value) {
    fields.field("status", value.status, Need::Required);
    fields.field("errors", value.errors);
};

std::optional<ConnectionStatus::Error> ConnectionStatus::Error::fromJson(const Json &json, QString *error)
{
    return readFields<ConnectionStatus::Error>(json, error, kConnectionStatusErrorFields);
}

Json ConnectionStatus::Error::toJson() const
{
    return writeFields(*this, kConnectionStatusErrorFields);
}

std::optional<ConnectionStatus> ConnectionStatus::fromJson(const Json &json, QString *error)
{
    return readFields<ConnectionStatus>(json, error, kConnectionStatusFields);
}

Json ConnectionStatus::toJson() const
{
    return writeFields(*this, kConnectionStatusFields);
}

} // namespace fmc
