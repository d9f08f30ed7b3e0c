#pragma once

#include "app/readiness/readinessline.h"

#include <QString>

namespace fmc {

//! \brief One line of promote's checklist (dry run and apply): what was checked on the target,
//! how it came out (the readiness checklist's outcomes), in a sentence that may quote the service.
struct PromoteCheck {
    enum class Kind { Definition, Tables, Name, Status, Connection };
    Kind kind = Kind::Definition;
    ReadinessLine::Outcome outcome = ReadinessLine::Outcome::Pending;
    QString summary;
    QString detail;

    bool blocks() const { return outcome == ReadinessLine::Outcome::Failed; }
};

} // namespace fmc
