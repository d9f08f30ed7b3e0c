#pragma once

#include "models/capacity.h"
#include "models/connection.h"
#include "models/item.h"
#include "models/mirroreddatabase.h"
#include "models/page.h"
#include "models/tablemirroringstatus.h"
#include "models/workspace.h"

namespace fmc::test {

//! The paged answers of the endpoints the console calls, by name.
using WorkspacesPage = Page<Workspace>;               //!< GET /workspaces
using ItemsPage = Page<Item>;                         //!< GET /workspaces/{ws}/items
using MirroredDatabasesPage = Page<MirroredDatabase>; //!< GET /workspaces/{ws}/mirroredDatabases
using ConnectionsPage = Page<Connection>;             //!< GET /connections
using CapacitiesPage = Page<Capacity>;                //!< GET /capacities
using TablesMirroringStatusResponse = Page<TableMirroringStatus>; //!< POST …/getTablesMirroringStatus

} // namespace fmc::test
