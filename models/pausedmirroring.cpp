#include "pausedmirroring.h"

#include <QCoreApplication>

namespace fmc::PausedMirroring {

QString summary()
{
    return QCoreApplication::translate("PausedMirroring", "Paused after a capacity pause: nothing replicates.");
}

QString advice()
{
    return QCoreApplication::translate(
        "PausedMirroring",
        "The Fabric capacity of this workspace was paused and resumed; mirroring stays Paused until "
        "someone resumes it, and source changes are not replicated meanwhile. To continue where it "
        "stopped, open the mirrored database in the Fabric portal and select Resume replication (the "
        "Fabric API has no call for it). Or Stop, then Start it here: that reseeds every table from "
        "the beginning. After a long pause Fabric may reseed anyway.");
}

} // namespace fmc::PausedMirroring
