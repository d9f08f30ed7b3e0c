#include "requestlog.h"

namespace fmc::sandbox {

Json RequestLogEntry::toJson() const
{
    Json json = Json::object();
    json["sequence"] = sequence;
    json["method"] = method.toStdString();
    json["path"] = toStdString(pathAndQuery);
    json["operationId"] = toStdString(operationId);
    json["status"] = status;
    json["fault"] = toStdString(fault);
    json["authorization"] = hadAuthorization;
    json["clientRequestId"] = clientRequestId.toStdString();
    json["requestId"] = toStdString(requestId);
    json["localAddress"] = toStdString(localAddress.toString());
    json["localPort"] = localPort;
    json["bodySize"] = bodySize;
    json["bodySha256"] = bodySha256.toStdString();
    json["receivedUtc"] = toStdString(receivedUtc.toString(Qt::ISODateWithMs));
    json["receivedSandboxUtc"] = toStdString(receivedSandboxUtc.toString(Qt::ISODateWithMs));
    json["receivedMs"] = receivedMs;
    return json;
}

qint64 RequestLog::append(RequestLogEntry entry)
{
    entry.sequence = m_nextSequence++;
    if (m_entries.size() >= kMaxEntries)
        m_entries.removeFirst();
    m_entries.append(entry);
    return entry.sequence;
}

void RequestLog::setOutcome(qint64 sequence, int status, const QString &fault)
{
    // The entry is almost always the last one; search from the end.
    for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it) {
        if (it->sequence == sequence) {
            it->status = status;
            if (!fault.isEmpty())
                it->fault = fault;
            return;
        }
    }
}

Json RequestLog::toJson() const
{
    Json list = Json::array();
    for (const auto &entry : m_entries)
        list.push_back(entry.toJson());
    return Json{{"entries", list}};
}

} // namespace fmc::sandbox
