#pragma once

#include <QString>

namespace fmc {

//! \brief What `Paused` means and what to do about it, in one place for the list, the details
//! pane, the dashboard header and the readiness check (Learn, mirroring troubleshooting:
//! "Fabric capacity resumed"). Paused is its own state: the capacity was paused and resumed,
//! nothing replicates until someone resumes it, and Fabric documents no API to resume.
namespace PausedMirroring {

//! One line: "Paused after a capacity pause: nothing replicates."
QString summary();
//! The explanation and both ways out: Resume replication in the Fabric portal (continues where
//! it stopped), or Stop then Start here (a full reseed of every table).
QString advice();

} // namespace PausedMirroring
} // namespace fmc
