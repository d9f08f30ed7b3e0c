// Export of a chart range from the history file to CSV (HistoryCsvExport): every stored sample
// of the range and no other, RFC 4180 quoting of hostile names, spreadsheet formulas
// neutralised, a cancel that leaves the earlier file untouched, and errors said, not thrown.
// The history is written through HistoryStore into this suite's own temporary folder.
#include "app/history/historycsvexport.h"
#include "app/history/historystore.h"

#include <QDateTime>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fmc;

namespace {

constexpr qint64 kMinute = 60 * 1000;

// The records of an RFC 4180 text: quoted fields may hold commas, CR, LF and doubled quotes.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            record << std::exchange(field, {});
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            record << std::exchange(field, {});
            records << std::exchange(record, {});
            ++i;
        } else {
            field += c;
        }
    }
    return records;
}

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

TableSample tableSample(const QString &table, qint64 t, const QString &status = QStringLiteral("Replicating"))
{
    const qint64 rows = 1000 + t / kMinute % 1000;
    return TableSample{QStringLiteral("db-1"), QStringLiteral("dbo"), table, t, status, rows, rows * 10, t - 1000, 4, {}};
}

} // namespace

class TestHistoryCsvExport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;
    const qint64 m_now = QDateTime::currentMSecsSinceEpoch();

    QString newFolder() { return m_dir.filePath(QStringLiteral("case%1").arg(++m_files)); }

    // Writes \a tables and \a databases through the store and waits until they are committed.
    static bool writeHistory(const QString &path, const QList<TableSample> &tables,
                             const QList<DatabaseSample> &databases = {})
    {
        HistoryStore store;
        store.open(path);
        if (!QTest::qWaitFor([&] { return store.state() == HistoryStore::State::Writing; }, 10000))
            return false;
        const qint64 total = tables.size() + databases.size();
        store.record(tables, databases, {});
        return QTest::qWaitFor([&] { return store.committedCount() == total; }, 10000);
    }

    // Runs \a request to its end; the outcome, and the finished() arguments in \a finishedArgs.
    // Heard queued, in this thread, as the dashboard hears it.
    static HistoryCsvExport::Outcome run(HistoryCsvExport &exporter, const HistoryCsvExport::Request &request,
                                         QList<QVariant> *finishedArgs = nullptr)
    {
        QList<QVariant> args;
        QObject context;
        connect(&exporter, &HistoryCsvExport::finished, &context,
                [&args](HistoryCsvExport::Outcome outcome, qint64 lines, const QString &error) {
                    args = {QVariant::fromValue(outcome), lines, error};
                }, Qt::QueuedConnection);
        if (!exporter.start(request) || !QTest::qWaitFor([&] { return !args.isEmpty(); }, 10000))
            args = {QVariant::fromValue(HistoryCsvExport::Outcome::Failed), 0, QStringLiteral("did not finish")};
        if (finishedArgs)
            *finishedArgs = args;
        return args.at(0).value<HistoryCsvExport::Outcome>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }

    void hostileNamesAreQuotedAndNeutralised_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("rawField"); // as the file must hold it
        QTest::addRow("plain") << "orders" << "orders";
        QTest::addRow("comma") << "a,b" << "\"a,b\"";
        QTest::addRow("quotes") << "say \"hi\"" << "\"say \"\"hi\"\"\"";
        QTest::addRow("newline") << "line1\nline2" << "\"line1\nline2\"";
        QTest::addRow("CRLF") << "a\r\nb" << "\"a\r\nb\"";
        QTest::addRow("formula =") << "=HYPERLINK(\"http://x\",\"y\")" << "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"";
        QTest::addRow("formula +") << "+1+cmd" << "'+1+cmd";
        QTest::addRow("formula -") << "-2+3" << "'-2+3";
        QTest::addRow("formula @") << "@SUM(A1)" << "'@SUM(A1)";
        QTest::addRow("leading tab") << "\t=1" << "'\t=1";
        QTest::addRow("leading CR") << "\r=1" << "\"'\r=1\"";
        QTest::addRow("unicode") << "tëst ✓" << "tëst ✓";
    }
    void hostileNamesAreQuotedAndNeutralised()
    {
        QFETCH(QString, table);
        QFETCH(QString, rawField);
        const QString folder = newFolder();
        const QString history = folder + QStringLiteral("/history.sqlite");
        QList<TableSample> samples;
        for (int i = 0; i < 5; ++i)
            samples << tableSample(table, m_now - (10 - i) * kMinute, i == 3 ? QStringLiteral("Failed") : QStringLiteral("Replicating"));
        samples.last().errorCode = QStringLiteral("=cmd|' /C calc'!A0"); // the service's text, hostile too
        QVERIFY(writeHistory(history, samples));

        HistoryCsvExport exporter;
        HistoryCsvExport::Request request;
        request.historyPath = history;
        request.csvPath = folder + QStringLiteral("/out.csv");
        request.subjects = {{QStringLiteral("db-1"), QStringLiteral("dbo"), table}};
        request.fromMs = m_now - kMinute * 60;
        request.toMs = m_now + 1;
        request.databaseNames.insert(QStringLiteral("db-1"), QStringLiteral("Sales, \"EU\""));
        QList<QVariant> args;
        QCOMPARE(run(exporter, request, &args), HistoryCsvExport::Outcome::Written);
        QCOMPARE(args.at(1).toLongLong(), 5);

        const QString text = readAll(request.csvPath);
        QVERIFY(text.startsWith(HistoryCsvExport::headerLine()));
        QVERIFY2(text.contains(u',' + rawField + u','), qPrintable(text.left(400)));
        const QList<QStringList> records = parseCsv(text);
        QCOMPARE(records.size(), 6);
        const QStringList header = records.first();
        for (qsizetype r = 1; r < records.size(); ++r) {
            const QStringList &record = records.at(r);
            QCOMPARE(record.size(), header.size());
            QCOMPARE(record.at(header.indexOf(QStringLiteral("database"))), QStringLiteral("Sales, \"EU\""));
            QCOMPARE(record.at(header.indexOf(QStringLiteral("schema"))), QStringLiteral("dbo"));
            // What a spreadsheet reads back: the name, made inert when it looked like a formula.
            const QString read = record.at(header.indexOf(QStringLiteral("table")));
            QVERIFY(read == table || read == u'\'' + table);
            for (const QString &field : record) {
                const bool number = [&] { bool ok = false; field.toDouble(&ok); return ok; }();
                QVERIFY2(field.isEmpty() || number || !QStringLiteral("=+-@\t\r").contains(field.front()), qPrintable(field));
            }
        }
        QCOMPARE(records.last().at(header.indexOf(QStringLiteral("error_code"))), QStringLiteral("'=cmd|' /C calc'!A0"));
        QCOMPARE(records.at(4).at(header.indexOf(QStringLiteral("status"))), QStringLiteral("Failed"));
        // Times in ISO 8601 UTC, oldest first.
        const QDateTime first = QDateTime::fromString(records.at(1).at(0), Qt::ISODateWithMs);
        QCOMPARE(first.toMSecsSinceEpoch(), m_now - 10 * kMinute);
        QCOMPARE(first.timeSpec(), Qt::UTC);
    }

    void onlyTheRangeAndEachSubject()
    {
        const QString folder = newFolder();
        const QString history = folder + QStringLiteral("/history.sqlite");
        QList<TableSample> tables;
        QList<DatabaseSample> totals;
        for (int m = 0; m < 120; ++m) { // two hours, one sample a minute
            tables << tableSample(QStringLiteral("orders"), m_now - m * kMinute)
                   << tableSample(QStringLiteral("other"), m_now - m * kMinute);
            DatabaseSample d;
            d.databaseId = QStringLiteral("db-1");
            d.timeMs = m_now - m * kMinute;
            d.status = QStringLiteral("Running");
            d.rows = 5000 - m;
            d.failedTables = m % 2;
            totals << d;
        }
        QVERIFY(writeHistory(history, tables, totals));

        HistoryCsvExport exporter;
        HistoryCsvExport::Request request;
        request.historyPath = history;
        request.csvPath = folder + QStringLiteral("/out.csv");
        request.subjects = {{QStringLiteral("db-1"), {}, {}}, {QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("orders")}};
        request.fromMs = m_now - 60 * kMinute + 1; // the last hour: 60 samples of each
        request.toMs = m_now + 1;
        QSignalSpy progress(&exporter, &HistoryCsvExport::progress);
        QCOMPARE(run(exporter, request), HistoryCsvExport::Outcome::Written);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), 120);
        QCOMPARE(progress.last().at(1).toLongLong(), 120);

        const QList<QStringList> records = parseCsv(readAll(request.csvPath));
        QCOMPARE(records.size(), 1 + 120);
        const QStringList header = records.first();
        const int table = int(header.indexOf(QStringLiteral("table")));
        const int failed = int(header.indexOf(QStringLiteral("failed_tables")));
        int databaseLines = 0;
        for (qsizetype r = 1; r < records.size(); ++r) {
            const QStringList &record = records.at(r);
            QVERIFY(record.at(table).isEmpty() || record.at(table) == QLatin1String("orders")); // never "other"
            if (record.at(table).isEmpty()) {
                ++databaseLines;
                QVERIFY(!record.at(failed).isEmpty());
            }
            QCOMPARE(record.at(header.indexOf(QStringLiteral("database"))), QStringLiteral("db-1")); // no name given
            const qint64 t = QDateTime::fromString(record.at(0), Qt::ISODateWithMs).toMSecsSinceEpoch();
            QVERIFY(t >= request.fromMs && t < request.toMs);
        }
        QCOMPARE(databaseLines, 60);
    }

    void cancelLeavesTheEarlierFile()
    {
        const QString folder = newFolder();
        const QString history = folder + QStringLiteral("/history.sqlite");
        QList<TableSample> samples;
        for (int i = 0; i < 20000; ++i) // ten progress steps
            samples << tableSample(QStringLiteral("orders"), m_now - i * 1000);
        QVERIFY(writeHistory(history, samples));
        const QString csv = folder + QStringLiteral("/out.csv");
        {
            QFile before(csv);
            QVERIFY(before.open(QIODevice::WriteOnly));
            before.write("what the user had\r\n");
        }

        HistoryCsvExport exporter;
        // Cancelled from the worker's first progress report, as the Cancel button would, but
        // at a known point: the export is then surely under way and not yet done.
        connect(&exporter, &HistoryCsvExport::progress, &exporter, [&exporter](qint64 done) {
            if (done > 0)
                exporter.cancel();
        }, Qt::DirectConnection);
        HistoryCsvExport::Request request;
        request.historyPath = history;
        request.csvPath = csv;
        request.subjects = {{QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("orders")}};
        request.fromMs = m_now - 24 * 60 * kMinute;
        request.toMs = m_now + 1;
        QList<QVariant> args;
        QCOMPARE(run(exporter, request, &args), HistoryCsvExport::Outcome::Cancelled);
        QVERIFY(args.at(1).toLongLong() < 20000);
        QCOMPARE(readAll(csv), QStringLiteral("what the user had\r\n"));
        // No temporary file left beside it (QSaveFile writes "out.csv.XXXXXX").
        QCOMPARE(QDir(folder).entryList({QStringLiteral("out.csv*")}, QDir::Files), QStringList{QStringLiteral("out.csv")});

        // The same exporter runs again, to the end.
        exporter.disconnect(&exporter);
        QCOMPARE(run(exporter, request, &args), HistoryCsvExport::Outcome::Written);
        QCOMPARE(args.at(1).toLongLong(), 20000);
        QCOMPARE(readAll(csv).count(QStringLiteral("\r\n")), 20001);
    }

    void errorsAreSaid_data()
    {
        QTest::addColumn<bool>("historyMissing");
        QTest::addColumn<bool>("folderMissing");
        QTest::addRow("no history file") << true << false;
        QTest::addRow("no such folder for the CSV") << false << true;
    }
    void errorsAreSaid()
    {
        QFETCH(bool, historyMissing);
        QFETCH(bool, folderMissing);
        const QString folder = newFolder();
        const QString history = folder + QStringLiteral("/history.sqlite");
        if (!historyMissing)
            QVERIFY(writeHistory(history, {tableSample(QStringLiteral("orders"), m_now)}));
        HistoryCsvExport exporter;
        HistoryCsvExport::Request request;
        request.historyPath = history;
        request.csvPath = folderMissing ? folder + QStringLiteral("/no/such/folder/out.csv") : folder + QStringLiteral("/out.csv");
        request.subjects = {{QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("orders")}};
        request.fromMs = m_now - kMinute;
        request.toMs = m_now + 1;
        QList<QVariant> args;
        QCOMPARE(run(exporter, request, &args), HistoryCsvExport::Outcome::Failed);
        QVERIFY(!args.at(2).toString().isEmpty());
        QVERIFY(!QFile::exists(request.csvPath));
    }
};

QTEST_GUILESS_MAIN(TestHistoryCsvExport)
#include "tst_history_csv_export.moc"
