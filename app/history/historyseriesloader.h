#pragma once

#include "app/monitor/tablehistory.h"

#include <QList>
#include <QObject>
#include <QString>

namespace fmc {

//! \brief Loads chart series from a history file in a worker thread, for the dashboard's longer
//! chart ranges: one series per database (its totals) or per table. Only the answer to the
//! latest load() is delivered; older ones are dropped.
class HistorySeriesLoader : public QObject
{
    Q_OBJECT
public:
    //! What one series is of: a database's totals (table empty) or one table.
    struct Subject {
        QString databaseId;
        QString schema;
        QString table;
    };

    explicit HistorySeriesLoader(QObject *parent = nullptr);

    //! \brief Loads \a subjects' samples in [fromMs, toMs) from \a path, database totals at
    //! most one per \a bucketMs; loaded() follows.
    void load(const QString &path, const QList<Subject> &subjects, qint64 fromMs, qint64 toMs, qint64 bucketMs);

Q_SIGNALS:
    //! One list of samples per subject, in the order asked; \a error is empty on success.
    void loaded(const QList<QList<fmc::MetricSample>> &series, const QString &error);

private:
    quint64 m_generation = 0;
};

} // namespace fmc
