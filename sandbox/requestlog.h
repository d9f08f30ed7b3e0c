#pragma once

#include "models/json.h"

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace fmc::sandbox {

//! One request as the sandbox saw it, for tests to assert on.
struct RequestLogEntry {
    qint64 sequence = 0;
    QByteArray method;
    QString pathAndQuery;          //!< as received, still encoded
    QString operationId;           //!< spec operationId, empty off the API
    int status = 0;                //!< 0: no status line was sent (dropped or stalled)
    QString fault;                 //!< fault kind applied, empty if none
    bool hadAuthorization = false; //!< whether an Authorization header came
    QByteArray clientRequestId;    //!< x-ms-client-request-id
    QString requestId;             //!< the requestId the sandbox answered with
    QHostAddress localAddress;     //!< which listener took it (127.0.0.2 = "foreign host")
    quint16 localPort = 0;
    qint64 bodySize = 0;
    QByteArray bodySha256;         //!< hex SHA-256 of the body (retries must repeat it exactly)
    QDateTime receivedUtc;         //!< wall clock
    QDateTime receivedSandboxUtc;  //!< the sandbox clock
    qint64 receivedMs = 0;         //!< sandbox clock, ms since start

    Json toJson() const;
};

//! \brief Every request that reached the API or the sign-in endpoints (admin calls excluded).
class RequestLog
{
public:
    //! Appends \a entry with the next sequence number and returns that number.
    qint64 append(RequestLogEntry entry);
    //! Fills in the outcome of the request \a sequence once it is known.
    void setOutcome(qint64 sequence, int status, const QString &fault = {});
    QList<RequestLogEntry> entries() const { return m_entries; }
    qsizetype size() const { return m_entries.size(); }
    void clear() { m_entries.clear(); }
    Json toJson() const;

private:
    QList<RequestLogEntry> m_entries;
    qint64 m_nextSequence = 1;
    static constexpr qsizetype kMaxEntries = 100000; // bounded for long --scale runs
};

} // namespace fmc::sandbox
