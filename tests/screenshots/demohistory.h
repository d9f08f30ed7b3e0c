#pragma once

#include "app/history/historyrecords.h"

#include <QList>
#include <QString>

namespace fmc::test {

//! \brief A week of history for one demo mirrored database (three tables), written through
//! HistoryStore as the console would have: totals every 5 minutes, a table that failed for a
//! while and recovered, one that still fails, mirroring stopped for an hour, a throttled spell.
//! Blocks until committed (the screenshot tool has nothing else to do meanwhile).
bool writeDemoHistory(const QString &path, const QString &databaseId, qint64 nowMs);

//! The demo events writeDemoHistory() records, oldest first.
QList<HistoryEvent> demoHistoryEvents(const QString &databaseId, qint64 nowMs);

} // namespace fmc::test
