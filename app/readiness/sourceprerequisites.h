#pragma once

#include <QString>
#include <QUrl>

namespace fmc {

//! \brief What to set up on the source before mirroring a source type can start, in our words
//! from the Microsoft Learn mirroring tutorials and limitations pages, with the page to read.
//! The console cannot check these (they live on the source server), so the readiness check shows
//! them as a list to go through, with a Copy button for the steps.
struct SourcePrerequisites
{
    QString sourceType;  //!< as in mirroring.json `source.type`
    QString steps;       //!< plain text, one step per line
    QUrl learnUrl;       //!< the Learn page the steps come from

    //! The prerequisites of \a sourceType; for a type this console does not know, a pointer to
    //! the general mirroring overview.
    static SourcePrerequisites forSourceType(const QString &sourceType);
};

} // namespace fmc
