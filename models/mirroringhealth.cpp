#include "mirroringhealth.h"

namespace fmc {

MirroringHealth mirroringHealth(const MirroringStatusResponse &status, qsizetype failedTableCount, qsizetype tableCount)
{
    if (status.error)
        return {MirroringHealth::Failed, QStringLiteral("Failed")};
    if (status.status == MirroringStatus::Running && failedTableCount > 0 && failedTableCount == tableCount)
        return {MirroringHealth::Failed, QStringLiteral("Failed")};
    if (status.status == MirroringStatus::Running && failedTableCount > 0)
        return {MirroringHealth::Warning, QStringLiteral("Running with warning")};
    // Paused is its own state, and one that needs someone to act: nothing replicates until resumed.
    if (status.status == MirroringStatus::Paused)
        return {MirroringHealth::Warning, status.status.text};
    return {MirroringHealth::Normal, status.status.text};
}

qsizetype countFailedTables(const QList<TableMirroringStatus> &tables)
{
    return std::count_if(tables.cbegin(), tables.cend(), [](const TableMirroringStatus &table) {
        return table.status == TableStatus::Failed;
    });
}

} // namespace fmc
