#pragma once

#include <QString>
#include <QtGlobal>

#include <atomic>

class QSqlDatabase;

namespace fmc {

//! \brief Keeps a history file bounded: retention, downsampling and a size cap. Run by the
//! writer on open and once a day, in its thread.
class HistoryMaintenance
{
public:
    static constexpr qint64 kDayMs = 24LL * 3600 * 1000;
    static constexpr qint64 kFiveMinutesMs = 5LL * 60 * 1000;
    static constexpr qint64 kHourMs = 3600LL * 1000;

    struct Outcome {
        int removedByRetention = 0;
        int removedByDownsampling = 0;
        int removedBySizeCap = 0;
        bool ok = true;
        QString error;
    };

    //! \brief Everything older than \a retentionDays goes; samples older than a day are thinned
    //! to one per table and 5 minutes, older than a week to one per hour (the first of each
    //! period is kept); then, while the file is above \a sizeCapBytes, the oldest day goes.
    //! Works table by table, each in its own transaction, and returns early once \a stop is set.
    static Outcome run(QSqlDatabase &db, qint64 nowMs, int retentionDays, qint64 sizeCapBytes,
                       const std::atomic<bool> *stop = nullptr);

    //! Bytes the file's live pages take (what the size cap compares).
    static qint64 usedBytes(QSqlDatabase &db);
};

} // namespace fmc
