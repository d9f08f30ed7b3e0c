#include "app/api/requests/testconnectionrequest.h"

namespace fmc {

// It changes nothing on the service (it reads the connection's state), so it is retried like a read.
TestConnectionRequest::TestConnectionRequest(const QString &connectionId)
    : TypedRequest("POST", QStringLiteral("/connections/%1/testConnection").arg(segment(connectionId)), {},
                   Safety::Idempotent)
{
    setLongRunning(Lro::WithResult);
}

} // namespace fmc
