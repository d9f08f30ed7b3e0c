#pragma once

#include "models/errorresponse.h"
#include "models/json.h"

#include <QMetaType>
#include <QString>

#include <chrono>
#include <optional>

namespace fmc {

//! \brief Why a Fabric API call did not succeed, as a value the UI can show and branch on.
//! Transport failures, HTTP statuses and the service's ErrorResponse body all end up here, so no
//! caller ever sees a QNetworkReply. The HTTP status is turned into a kind by one function,
//! kindForHttpStatus().
class ApiError
{
public:
    enum class Kind {
        None,            //!< no error
        Network,         //!< connection refused/reset, DNS, truncated body
        Timeout,         //!< the per-try timeout or the overall deadline passed
        Cancelled,       //!< the caller cancelled
        BadRequest,      //!< 400 and other 4xx without a more specific kind
        SignInRequired,  //!< 401 after one token refresh, or no token could be obtained
        Forbidden,       //!< 403 (never retried)
        NotFound,        //!< 404
        Conflict,        //!< 409 / 412
        Throttled,       //!< 429 that was not (or could not be) waited out
        ServerError,     //!< 5xx
        OutcomeUnknown,  //!< a non-idempotent call may or may not have taken effect
        Decode,          //!< a 2xx whose body could not be decoded
        InvalidUrl,      //!< a malformed URL, or a redirect/continuation to another origin
        Insecure,        //!< http:// to a non-loopback host, or a TLS failure
        OperationFailed, //!< a long-running operation ended Failed/Undefined
        StillRunning,    //!< a long-running operation outlived the client's limit
        PagingLoop,      //!< a repeated continuation token or too many pages
    };

    ApiError() = default;
    explicit ApiError(Kind kind, QString message = {}) : m_kind(kind), m_message(std::move(message)) {}

    //! The one mapping from an HTTP status to a kind (2xx/3xx → None).
    static Kind kindForHttpStatus(int httpStatus);
    //! Whether a status is transient per the Azure guidelines (408, 429, 500, 502, 503, 504).
    static bool isTransientHttpStatus(int httpStatus);
    //! Builds an error from an HTTP status and the (possibly empty or non-JSON) response body,
    //! decoding the service's ErrorResponse when there is one.
    static ApiError fromHttp(int httpStatus, const QByteArray &body);

    bool isError() const { return m_kind != Kind::None; }
    Kind kind() const { return m_kind; }
    void setKind(Kind kind) { m_kind = kind; }

    int httpStatus() const { return m_httpStatus; }
    void setHttpStatus(int status) { m_httpStatus = status; }

    //! ErrorResponse.errorCode (stable, contractual), e.g. "ItemNotFound".
    QString errorCode() const { return m_errorCode; }
    void setErrorCode(const QString &code) { m_errorCode = code; }
    //! ErrorResponse.message, or a description of the transport failure.
    QString message() const { return m_message; }
    void setMessage(const QString &message) { m_message = message; }
    //! The service's request id (body `requestId` or the `requestId` / `x-ms-request-id` header).
    QString requestId() const { return m_requestId; }
    void setRequestId(const QString &id) { m_requestId = id; }
    //! Our `x-ms-client-request-id`, identical across retries of one call.
    QString clientRequestId() const { return m_clientRequestId; }
    void setClientRequestId(const QString &id) { m_clientRequestId = id; }
    //! ErrorResponse.isRetriable when the service sent it.
    std::optional<bool> isRetriable() const { return m_isRetriable; }
    void setRetriable(std::optional<bool> retriable) { m_isRetriable = retriable; }
    //! The raw ErrorResponse object as received, or null.
    const Json &details() const { return m_details; }
    //! Sets the raw ErrorResponse object and decodes it (errorCode, message, requestId, isRetriable).
    void setDetails(const Json &details);
    //! The decoded ErrorResponse (moreDetails, relatedResource, unknown fields), when the body was one.
    const std::optional<ErrorResponse> &errorResponse() const { return m_errorResponse; }
    //! The delay the server asked for (Throttled: the Retry-After it sent).
    std::optional<std::chrono::milliseconds> retryAfter() const { return m_retryAfter; }
    void setRetryAfter(std::optional<std::chrono::milliseconds> delay) { m_retryAfter = delay; }
    //! The long-running operation this error belongs to (StillRunning, OperationFailed, Cancelled).
    QString operationId() const { return m_operationId; }
    void setOperationId(const QString &id) { m_operationId = id; }

    //! One sentence for the user; never contains a token.
    QString userMessage() const;
    //! For logs: kind, status, errorCode and the request ids.
    QString toLogString() const;

    static QString kindName(Kind kind);

private:
    Kind m_kind = Kind::None;
    int m_httpStatus = 0;
    QString m_errorCode;
    QString m_message;
    QString m_requestId;
    QString m_clientRequestId;
    std::optional<bool> m_isRetriable;
    Json m_details;
    std::optional<ErrorResponse> m_errorResponse;
    std::optional<std::chrono::milliseconds> m_retryAfter;
    QString m_operationId;
};

} // namespace fmc

Q_DECLARE_METATYPE(fmc::ApiError)
