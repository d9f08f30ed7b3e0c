#pragma once

#include "app/cli/clicommand.h"

#include <QStringList>

#include <chrono>

namespace fmc::cli {

struct MirrorSnapshot;

//! \brief `fmc check-freshness WS/DB --max-lag 15m [--table S.T ...]`: exit 0 when every
//! (named) table's data can be trusted, 6 listing the others: failed or stale tables
//! (models/tablefreshness: not replicating, or an error), tables still catching up (snapshot,
//! reseed), replication latency over --max-lag, a named table that is not mirrored, or a
//! database that is not Running. Idle tables (replicating, no error, no recent change at the
//! source) pass: their source simply had nothing new.
//!
//! JSON: the status snapshot (see MirrorSnapshot) plus `maxLagSeconds`, `fresh` (bool) and
//! `problems` (`table`, `reason`; `table` null for the database itself).
class CheckFreshnessCommand : public CliCommand
{
    Q_OBJECT
public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("check-freshness"); }
    QString summary() const override { return tr("Exit non-zero when tables are stale or failed."); }
    QString synopsis() const override { return QStringLiteral("WS/DB --max-lag DURATION"); }
    void addOptions(QCommandLineParser &parser) const override;
    QString readArguments(const QCommandLineParser &parser) override;

protected:
    void run() override;

private:
    void check(const MirrorSnapshot &snapshot);

    QString m_spec;
    std::chrono::seconds m_maxLag{15 * 60};
    QStringList m_tables; //!< schema.table as given; empty: every table
};

} // namespace fmc::cli
