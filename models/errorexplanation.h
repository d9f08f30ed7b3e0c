#pragma once

#include "models/errorresponse.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace fmc {

//! \brief What a table or database error from mirroring means and what to do about it, in our
//! words from Microsoft Learn's mirroring troubleshooting and limitations pages, with the page.
struct ErrorExplanation
{
    //! The smallest fix of the dashboard's ladder that is worth trying for this error.
    enum class Fix {
        None,            //!< a fix at the source or in the definition; no ladder rung helps by itself
        RefreshEndpoint, //!< the data is there, the SQL analytics endpoint has not caught up
        ResyncTable,     //!< remove the table from the definition and add it back
        RestartMirroring //!< stop and start: every table is reseeded
    };

    QString title;   //!< a few words: "The source table is gone"
    QString meaning; //!< what happened, one or two sentences
    QString action;  //!< what to do, one or two sentences
    QUrl learnUrl;   //!< a learn.microsoft.com page we wrote this from (never from the service)
    Fix fix = Fix::None;
};

//! Which error is being explained: some codes mean different things per level.
enum class ErrorScope { Table, Database };

//! \brief The explanation for \a error, matched on its errorCode first, then on patterns in its
//! message (the message is for people and may change, so a code match wins); std::nullopt for an
//! error this table does not know: show the raw error and its request id instead.
std::optional<ErrorExplanation> explainError(const ErrorResponse &error, ErrorScope scope);

//! \brief The raw error as one plain text: "errorCode: message (request id …)", for errors
//! explainError() does not know and under every explanation.
QString rawErrorText(const ErrorResponse &error);

//! The Learn page every explanation falls back to: "Troubleshoot Fabric mirrored databases".
QUrl mirroringTroubleshootingUrl();

} // namespace fmc
