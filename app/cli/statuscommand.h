#pragma once

#include "app/cli/clicommand.h"
#include "app/monitor/statusmonitor.h"

#include <QTimer>

#include <chrono>

namespace fmc::cli {

struct MirrorSnapshot;

//! \brief `fmc status WS/DB [--tables] [--watch]`: the mirroring status of one database and,
//! with --tables, of each table (status, freshness, rows, last sync, latency, error). --watch
//! refreshes every --interval, in place on a terminal, one JSON line per refresh when piped.
class StatusCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("status"); }
    QString summary() const override { return tr("Show a mirrored database's status, and its tables'."); }
    QString synopsis() const override { return QStringLiteral("WS/DB"); }
    void addOptions(QCommandLineParser &parser) const override;
    QString readArguments(const QCommandLineParser &parser) override;

protected:
    void run() override;

private:
    void refresh();
    void print(const MirrorSnapshot &snapshot);

    QString m_spec;
    bool m_tables = false;
    bool m_watch = false;
    std::chrono::seconds m_interval{10};
    WatchedDatabase m_database;
    QTimer m_timer;
};

} // namespace fmc::cli
