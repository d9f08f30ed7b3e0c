#pragma once

#include "models/apierror.h"

namespace fmc::cli {

//! \brief fmc's exit codes (documented in `fmc --help`, docs/man/fmc.1 and the README). Scripts
//! branch on them, so a value never changes meaning once shipped.
enum ExitCode : int {
    Ok = 0,
    Failed = 1,        //!< the service refused or failed the call, or a file could not be read/written
    Usage = 2,         //!< bad options or arguments, or an input (definition) that does not validate
    NotSignedIn = 3,   //!< no credential, or the service asks for a new sign-in
    NotFound = 4,      //!< no workspace or mirrored database by that name or id
    Throttled = 5,     //!< still throttled (429) after the retries, or asked to wait over a minute
    CheckFailed = 6,   //!< check-freshness found stale/failed tables; wait saw an unreachable state
    TimedOut = 7,      //!< wait --timeout (or a call's deadline) passed
};

//! The exit code for a call that ended with \a error (Ok when there is none).
inline ExitCode exitCodeFor(const ApiError &error)
{
    switch (error.kind()) {
    case ApiError::Kind::None:
        return Ok;
    case ApiError::Kind::SignInRequired:
        return NotSignedIn;
    case ApiError::Kind::NotFound:
        return NotFound;
    case ApiError::Kind::Throttled:
        return Throttled;
    case ApiError::Kind::Timeout:
    case ApiError::Kind::StillRunning:
        return TimedOut;
    default:
        return Failed;
    }
}

//! \brief The exit code for a name lookup (DashboardTargetResolver) that failed for \a kind:
//! not found, ambiguous or malformed (usage), or the failing call's own.
inline ExitCode exitCodeForLookup(ApiError::Kind kind)
{
    switch (kind) {
    case ApiError::Kind::NotFound:
        return NotFound;
    case ApiError::Kind::BadRequest:
    case ApiError::Kind::Conflict:
        return Usage;
    default: {
        const ExitCode code = exitCodeFor(ApiError(kind));
        return code == Ok ? Failed : code;
    }
    }
}

} // namespace fmc::cli
