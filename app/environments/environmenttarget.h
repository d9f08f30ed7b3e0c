#pragma once

// The whole type: QPointer<FabricClient> converts from QObject* where it is copied.
#include "app/api/fabricclient.h"

#include <QColor>
#include <QList>
#include <QPointer>
#include <QString>

namespace fmc {

//! \brief One side of a compare or a promote: a signed-in client (a tenant, soon a profile) with
//! how the user tells it apart: a label ("PROD"), a colour, and whether it is production (writes
//! to it ask once more). The client is not owned; a side whose client is gone is not offered.
struct EnvironmentTarget {
    QPointer<FabricClient> client;
    QString label;
    QColor colour;
    bool production = false;

    bool isValid() const { return !client.isNull(); }
};

//! The sides a dialog offers: the current session's client first, then any others passed in.
using EnvironmentTargets = QList<EnvironmentTarget>;

} // namespace fmc
