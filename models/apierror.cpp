#include "models/apierror.h"

#include <QCoreApplication>

namespace fmc {

namespace {

QString stringField(const Json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? toQString(it->get<std::string>()) : QString();
}

} // namespace

ApiError::Kind ApiError::kindForHttpStatus(int httpStatus)
{
    if (httpStatus >= 200 && httpStatus < 400)
        return Kind::None;
    switch (httpStatus) {
    case 401:
        return Kind::SignInRequired;
    case 403:
        return Kind::Forbidden;
    case 404:
    case 410:
        return Kind::NotFound;
    case 408:
        return Kind::Timeout;
    case 409:
    case 412:
        return Kind::Conflict;
    case 429:
        return Kind::Throttled;
    default:
        break;
    }
    if (httpStatus >= 500 && httpStatus < 600)
        return Kind::ServerError;
    // 4xx we have no better word for, and nonsense statuses (0, 1xx, 600+) from a broken server.
    return Kind::BadRequest;
}

bool ApiError::isTransientHttpStatus(int httpStatus)
{
    switch (httpStatus) {
    case 408:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
        return true;
    default:
        return false;
    }
}

ApiError ApiError::fromHttp(int httpStatus, const QByteArray &body)
{
    ApiError error(kindForHttpStatus(httpStatus));
    error.setHttpStatus(httpStatus);
    if (!body.isEmpty()) {
        // A small limit: an error body is a few hundred bytes; anything huge is not an ErrorResponse.
        JsonLimits limits;
        limits.maxBytes = 1024 * 1024;
        limits.maxDepth = 32;
        if (auto json = parseJson(body, nullptr, limits); json && json->is_object())
            error.setDetails(*json);
    }
    if (error.message().isEmpty())
        error.setMessage(QStringLiteral("HTTP %1").arg(httpStatus));
    return error;
}

void ApiError::setDetails(const Json &details)
{
    m_details = details;
    if (!details.is_object())
        return;
    // Decoded leniently by hand as well: a body missing a required field still names its code.
    m_errorResponse = ErrorResponse::fromJson(details);
    if (const auto code = stringField(details, "errorCode"); !code.isEmpty())
        m_errorCode = code;
    if (const auto message = stringField(details, "message"); !message.isEmpty())
        m_message = message;
    if (const auto id = stringField(details, "requestId"); !id.isEmpty())
        m_requestId = id;
    if (const auto it = details.find("isRetriable"); it != details.end() && it->is_boolean())
        m_isRetriable = it->get<bool>();
}

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None: return QStringLiteral("None");
    case Kind::Network: return QStringLiteral("Network");
    case Kind::Timeout: return QStringLiteral("Timeout");
    case Kind::Cancelled: return QStringLiteral("Cancelled");
    case Kind::BadRequest: return QStringLiteral("BadRequest");
    case Kind::SignInRequired: return QStringLiteral("SignInRequired");
    case Kind::Forbidden: return QStringLiteral("Forbidden");
    case Kind::NotFound: return QStringLiteral("NotFound");
    case Kind::Conflict: return QStringLiteral("Conflict");
    case Kind::Throttled: return QStringLiteral("Throttled");
    case Kind::ServerError: return QStringLiteral("ServerError");
    case Kind::OutcomeUnknown: return QStringLiteral("OutcomeUnknown");
    case Kind::Decode: return QStringLiteral("Decode");
    case Kind::InvalidUrl: return QStringLiteral("InvalidUrl");
    case Kind::Insecure: return QStringLiteral("Insecure");
    case Kind::OperationFailed: return QStringLiteral("OperationFailed");
    case Kind::StillRunning: return QStringLiteral("StillRunning");
    case Kind::PagingLoop: return QStringLiteral("PagingLoop");
    }
    return QStringLiteral("Unknown");
}

QString ApiError::userMessage() const
{
    QString sentence;
    switch (m_kind) {
    case Kind::None: return {};
    case Kind::Network: sentence = QCoreApplication::translate("ApiError", "Could not reach Fabric."); break;
    case Kind::Timeout: sentence = QCoreApplication::translate("ApiError", "Fabric did not answer in time."); break;
    case Kind::Cancelled: sentence = QCoreApplication::translate("ApiError", "Cancelled."); break;
    case Kind::BadRequest: sentence = QCoreApplication::translate("ApiError", "Fabric rejected the request."); break;
    case Kind::SignInRequired: sentence = QCoreApplication::translate("ApiError", "Please sign in again."); break;
    case Kind::Forbidden: sentence = QCoreApplication::translate("ApiError", "You do not have permission for this."); break;
    case Kind::NotFound: sentence = QCoreApplication::translate("ApiError", "The item was not found."); break;
    case Kind::Conflict: sentence = QCoreApplication::translate("ApiError", "The item changed or is in a state that does not allow this."); break;
    case Kind::Throttled:
        sentence = m_retryAfter
            ? QCoreApplication::translate("ApiError", "Fabric is throttling requests; try again in %1 s.")
                  .arg((m_retryAfter->count() + 999) / 1000)
            : QCoreApplication::translate("ApiError", "Fabric is throttling requests; try again later.");
        break;
    case Kind::ServerError: sentence = QCoreApplication::translate("ApiError", "Fabric reported a server error."); break;
    case Kind::OutcomeUnknown:
        sentence = QCoreApplication::translate("ApiError", "The outcome is unknown — re-check the item's state before trying again.");
        break;
    case Kind::Decode: sentence = QCoreApplication::translate("ApiError", "Fabric sent a response that could not be read."); break;
    case Kind::InvalidUrl:
        sentence = QCoreApplication::translate("ApiError", "Refused to send a request to that URL.");
        break;
    case Kind::Insecure: sentence = QCoreApplication::translate("ApiError", "Refused an insecure connection."); break;
    case Kind::OperationFailed: sentence = QCoreApplication::translate("ApiError", "The operation failed."); break;
    case Kind::StillRunning:
        sentence = QCoreApplication::translate("ApiError", "The operation is still running (operation id %1).").arg(m_operationId);
        break;
    case Kind::PagingLoop: sentence = QCoreApplication::translate("ApiError", "Fabric returned an endless list."); break;
    }
    if (!m_message.isEmpty() && m_kind != Kind::Cancelled)
        sentence += QLatin1Char(' ') + m_message;
    return sentence;
}

QString ApiError::toLogString() const
{
    QString text = kindName(m_kind);
    if (m_httpStatus)
        text += QStringLiteral(" HTTP %1").arg(m_httpStatus);
    if (!m_errorCode.isEmpty())
        text += QStringLiteral(" errorCode=%1").arg(m_errorCode);
    if (!m_requestId.isEmpty())
        text += QStringLiteral(" requestId=%1").arg(m_requestId);
    if (!m_clientRequestId.isEmpty())
        text += QStringLiteral(" clientRequestId=%1").arg(m_clientRequestId);
    if (!m_operationId.isEmpty())
        text += QStringLiteral(" operationId=%1").arg(m_operationId);
    if (m_retryAfter)
        text += QStringLiteral(" retryAfterMs=%1").arg(m_retryAfter->count());
    return text;
}

} // namespace fmc
