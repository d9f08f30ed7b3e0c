#pragma once

#include "models/json.h"

#include <QList>
#include <QString>

#include <optional>

namespace fmc {

//! \brief The body of every Fabric error (`ErrorResponse`, docs/fabric-api-notes.md#errors), also used for the
//! items of `moreDetails` (`ErrorResponseDetails`, the same shape without the extras) and for
//! the `error` of a mirroring status, a table status and an operation state.
struct ErrorResponse
{
    //! `relatedResource`: which resource the error is about.
    struct RelatedResource
    {
        QString resourceId;
        QString resourceType;
        Json extra;

        static std::optional<RelatedResource> fromJson(const Json &json, QString *error = nullptr);
        Json toJson() const;
        bool operator==(const RelatedResource &) const = default;
    };

    QString errorCode; //!< Required; stable and contractual (unlike message).
    QString message;   //!< For people; never parse it.
    QString requestId;
    std::optional<RelatedResource> relatedResource;
    QList<ErrorResponse> moreDetails;
    std::optional<bool> isRetriable; //!< Absent on services older than 2026-05.
    Json extra;

    static std::optional<ErrorResponse> fromJson(const Json &json, QString *error = nullptr);
    Json toJson() const;
    bool operator==(const ErrorResponse &) const = default;
};

} // namespace fmc
