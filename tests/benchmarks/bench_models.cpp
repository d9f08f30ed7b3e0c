// fmc-bench-models: the cost of decoding a 10,000-table status page against a bare
// nlohmann::json::parse of the same bytes, and of applying a 10,000-row refresh with 1% changed
// rows to TableStatusModel (and how many rows that signalled), and of pasting a 100,000-line table
// list into TableSelectionModel against splitting the same text into lines.
#include "tests/support/decode.h"
#include "tests/support/pages.h"
#include "models/tableselectionmodel.h"
#include "models/tablestatusmodel.h"

#include "benchreport.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace fmc;
using namespace fmc::test;

using fmc::bench::report;

namespace {

constexpr int kTables = 10000;
constexpr int kChanged = kTables / 100;
constexpr int kRepeats = 31;

QByteArray generatedTablesStatus()
{
    static const char *statuses[] = {"Replicating", "Replicating", "Replicating", "Snapshotting", "Failed", "Stopped"};
    Json data = Json::array();
    for (int i = 0; i < kTables; ++i) {
        Json table = {{"sourceObjectType", i % 10 ? "Table" : "View"},
                      {"sourceSchemaName", "schema_" + std::to_string(i % 37)},
                      {"sourceTableName", "table_with_a_realistic_name_" + std::to_string(i)},
                      {"status", statuses[i % 6]},
                      {"metrics",
                       {{"processedBytes", 5000000000LL + i * 1237LL},
                        {"processedRows", 3000000000LL + i * 17LL},
                        {"lastSyncDateTime", "2024-10-08T05:07:" + std::to_string(10 + i % 50) + ".0663362Z"},
                        {"lastSyncLatencyInSeconds", i % 120}}}};
        if (i % 6 == 4)
            table["error"] = {{"errorCode", "SourceTableNotAccessible"}, {"message", "The table could not be read."}};
        data.push_back(std::move(table));
    }
    return dumpJson(Json {{"data", std::move(data)}, {"continuationToken", nullptr}});
}

double medianMs(const std::function<void()> &work)
{
    QList<double> samples;
    for (int i = 0; i < kRepeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        samples.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(samples.begin(), samples.end());
    return samples.at(samples.size() / 2);
}

void benchDecode(const QByteArray &bytes)
{
    size_t sink = 0;
    const double raw = medianMs([&] {
        sink += nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size()).size();
    });
    const double decoded = medianMs([&] {
        QString error;
        const auto page = decodeJson<TablesMirroringStatusResponse>(bytes, &error);
        if (!page)
            qFatal("decoding failed: %s", qPrintable(error));
        sink += size_t(page->items.size());
    });
    std::printf("# raw parse %.2f ms, decode %.2f ms, %lld bytes (sink %zu)\n", raw, decoded,
                qlonglong(bytes.size()), sink);
    report("tables_status_decode_vs_raw_parse", decoded / raw, "ratio", "<=", 1.5);
}

void benchModelRefresh(const QList<TableMirroringStatus> &tables)
{
    TableStatusModel model;
    qint64 signalledRows = 0;
    QObject::connect(&model, &QAbstractItemModel::dataChanged, &model,
                     [&](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                         signalledRows += bottomRight.row() - topLeft.row() + 1;
                     });
    QDateTime sampleTime = QDateTime::currentDateTimeUtc();
    const auto refresh = [&](QList<TableMirroringStatus> page) {
        sampleTime = sampleTime.addSecs(10);
        model.beginRefresh(sampleTime);
        model.applyPage(std::move(page));
        model.endRefresh();
    };
    refresh(tables);
    refresh(tables); // every rate is now known (0 rows/s): the steady state of a dashboard

    // 1% of the tables are replicating: each refresh they advance by the same amount.
    QList<TableMirroringStatus> current = tables;
    QList<double> samples;
    QList<qint64> signalled;
    for (int repeat = 0; repeat < kRepeats; ++repeat) {
        for (int i = 0; i < kChanged; ++i) {
            TableMirroringMetrics &metrics = *current[i * 100 + 7].metrics;
            *metrics.processedRows += 1000;
            *metrics.processedBytes += 64000;
            metrics.lastSyncDateTime = metrics.lastSyncDateTime.addSecs(10);
        }
        QList<TableMirroringStatus> page = current;
        page.detach(); // copy outside the timed part: the monitor hands over a decoded page
        signalledRows = 0;
        QElapsedTimer timer;
        timer.start();
        refresh(std::move(page));
        samples.append(double(timer.nsecsElapsed()) / 1e6);
        signalled.append(signalledRows);
    }
    std::sort(samples.begin(), samples.end());
    report("table_status_model_refresh_1pct", samples.at(samples.size() / 2), "ms", "<", 5);
    // Every repeat must signal exactly the changed rows; report the worst deviation's value.
    const qint64 worst = *std::max_element(signalled.cbegin(), signalled.cend(), [](qint64 a, qint64 b) {
        return qAbs(a - kChanged) < qAbs(b - kChanged);
    });
    report("table_status_model_rows_signalled", double(worst), "rows", "==", kChanged);
}

// 100,000 lines as a user pastes them from a query: a tenth are duplicates, a few are not tables.
void benchTablePaste()
{
    constexpr int kLines = 100000;
    QString text;
    for (int i = 0; i < kLines; ++i) {
        if (i % 1000 == 999)
            text += QStringLiteral("-- not a table %1\n").arg(i);
        else
            text += QStringLiteral("[sales_%1].[OrderLines_%2]\n").arg(i % 37).arg(i % 10 == 9 ? i - 9 : i);
    }
    size_t sink = 0;
    QList<double> paste;
    QList<double> split;
    for (int repeat = 0; repeat < 5; ++repeat) {
        QElapsedTimer timer;
        timer.start();
        sink += size_t(text.split(u'\n').size());
        split.append(double(timer.nsecsElapsed()) / 1e6);
        TableSelectionModel model;
        model.setLimit(kLines);
        timer.restart();
        sink += size_t(model.addFromText(text).added);
        paste.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(paste.begin(), paste.end());
    std::sort(split.begin(), split.end());
    const double pasteMs = paste.at(paste.size() / 2);
    const double splitMs = split.at(split.size() / 2);
    std::printf("# paste %.1f ms, split %.2f ms, %lld characters (sink %zu)\n", pasteMs, splitMs,
                qlonglong(text.size()), sink);
    report("tableselection_paste_100k", pasteMs, "ms", "<=", 1000);
    report("tableselection_paste_100k_vs_split", pasteMs / splitMs, "ratio", "<=", 100);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QByteArray bytes = generatedTablesStatus();
    benchDecode(bytes);
    const auto page = decodeJson<TablesMirroringStatusResponse>(bytes);
    benchModelRefresh(page->items);
    benchTablePaste();
    return 0;
}
