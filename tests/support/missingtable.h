#pragma once

// A table mounted in a sandbox mirror's definition that its source does not have: once the
// definition applies, the table fails with SourceTableNotFound (the tests' way to break one).

#include "models/json.h"
#include "sandbox/fabricstate.h"

namespace fmc::test {

//! Adds dbo.\a table to \a mirror's mounted tables; false when the definition was not taken.
inline bool mountMissingTable(sandbox::FabricState &state, sandbox::FabricState::Mirror *mirror, const char *table)
{
    std::optional<Json> doc = parseJson(mirror->mirroringJson);
    if (!doc)
        return false;
    (*doc)["properties"]["mountedTables"].push_back(
        {{"source", {{"typeProperties", {{"schemaName", "dbo"}, {"tableName", table}}}}}});
    return !state.updateDefinition(mirror, dumpJson(*doc));
}

} // namespace fmc::test
