#pragma once

#include "models/json.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace fmc::sandbox {

//! \brief One fault the sandbox injects into matching requests.
//! A rule matches on the endpoint's operation (e.g. "getTablesMirroringStatus" or
//! "Mirroring_GetTablesMirroringStatus"), a path regular expression and/or a method; a rule with
//! none of them matches every /v1 request. It fires with \c probability, and at most \c count
//! times (negative: forever).
struct FaultRule {
    enum class Kind {
        Status,          //!< answer \c status with an ErrorResponse; the request is not processed
        Latency,         //!< process, then answer \c latencyMs (wall clock) later
        Stall,           //!< never answer (the connection stays open)
        Drop,            //!< close the connection before any response byte; not processed
        Reset,           //!< process, send headers and half the body, then TCP RST
        ShortBody,       //!< process, announce the full Content-Length, send less, then close
        MalformedJson,   //!< process, answer a 2xx whose body is not valid JSON
        ForeignLocation, //!< process, hand out Location / continuationUri on another origin
        FailOperation,   //!< long-running operations started by the request end Failed
        Redirect,        //!< answer \c status (3xx; default 307) to the same path on the foreign origin
        RepeatContinuation, //!< process; a page answers with the continuationToken it was asked for
        FailTables,      //!< process; a SQL endpoint metadata refresh reports \c tables as Failure
    };

    int id = 0;                    //!< assigned by FaultInjector::add
    Kind kind = Kind::Status;
    QString operation;             //!< operation name to match, case-insensitive; empty: any
    QString pathPattern;           //!< regular expression on the path; empty: any
    QByteArray method;             //!< "GET", ...; empty: any
    double probability = 1.0;
    int count = -1;                //!< remaining firings; negative: unlimited
    int status = 503;
    QString errorCode;             //!< for Status; default derived from the status
    //! For Status: the ErrorResponse message; empty: "Injected by fabric-sandbox: <status>." The
    //! service quotes source names and errors in its messages, so any text is allowed.
    QString message;
    //! Retry-After header: integer seconds or an HTTP-date. Unset: "1" for 429, none otherwise;
    //! an empty string: never.
    std::optional<QByteArray> retryAfter;
    std::optional<qint64> retryAfterMs; //!< also sent as x-ms-retry-after-ms and retry-after-ms
    int latencyMs = 0;
    QUrl foreignBaseUrl;           //!< for ForeignLocation; default: the sandbox's other listener
    //! For FailTables: the tables ("schema.table" or the bare table name, case-insensitive) whose
    //! endpoint sync fails, with \c errorCode and \c message (defaults: the spec example's).
    QStringList tables;

    //! Parses the admin endpoint's JSON form; std::nullopt with a reason on error.
    static std::optional<FaultRule> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;

    static std::optional<Kind> kindFromString(const QString &name);
    static QString kindToString(Kind kind);
};

} // namespace fmc::sandbox
