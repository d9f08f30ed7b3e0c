// The history file: schema migrations from every earlier version, retention and downsampling, a
// size cap, one writer and concurrent readers, and the damage it must survive (a corrupt file,
// one locked by another program, one from a newer console, a read-only file, a full disk, a
// writer killed mid-batch). Every case uses its own temporary folder, never the shared
// QStandardPaths one.
#include "app/history/historyfile.h"
#include "app/history/historymaintenance.h"
#include "app/history/historyreader.h"
#include "app/history/historyschema.h"
#include "app/history/historystore.h"
#include "app/history/historysummary.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace fmc;

namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kDay = HistoryMaintenance::kDayMs;
// Hour-aligned, so that the downsampling periods fall on whole samples.
constexpr qint64 kNow = 1'780'000'000'000LL / HistoryMaintenance::kHourMs * HistoryMaintenance::kHourMs;

// A raw connection for preparing files and looking at them behind the store's back.
class RawFile
{
public:
    explicit RawFile(const QString &path)
        : m_name(QStringLiteral("raw-%1").arg(++s_count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawFile()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    QVariant value(const QString &sql) const
    {
        QSqlQuery q(db());
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }
    bool exec(const QString &sql) const
    {
        QSqlQuery q(db());
        return q.exec(sql);
    }

private:
    static inline int s_count = 0;
    QString m_name;
};

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

TableSample sample(const QString &table, qint64 t, const QString &status = QStringLiteral("Replicating"),
                   qint64 rows = 0)
{
    TableSample s;
    s.databaseId = QStringLiteral("db-1");
    s.schema = QStringLiteral("dbo");
    s.table = table;
    s.timeMs = t;
    s.status = status;
    s.rows = rows;
    s.bytes = rows * 100;
    s.latencySeconds = 3;
    if (status == QLatin1String("Failed"))
        s.errorCode = QStringLiteral("SourceTableNotFound");
    return s;
}

HistoryStore::State waitOpened(HistoryStore &store)
{
    return QTest::qWaitFor([&] { return store.state() != HistoryStore::State::Opening; }, 10000)
        ? store.state() : HistoryStore::State::Opening;
}

// A file the store created and closed: the current schema, nothing in it.
bool createdByStore(const QString &path)
{
    HistoryStore store;
    store.open(path);
    return waitOpened(store) == HistoryStore::State::Writing;
}

// Records through the store and waits until the writer committed them.
bool recordAndWait(HistoryStore &store, const QList<TableSample> &tables, const QList<DatabaseSample> &databases = {},
                   const QList<HistoryEvent> &events = {})
{
    const qint64 target = store.committedCount() + tables.size() + databases.size() + events.size();
    store.record(tables, databases, events);
    return QTest::qWaitFor([&] { return store.committedCount() >= target; }, 10000);
}

// Fills \a path's samples table directly (the bulk of a month is faster without the store).
void insertSeries(QSqlDatabase db, qint64 tableId, qint64 from, qint64 to, qint64 step)
{
    db.transaction();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO table_samples VALUES(?, ?, 'Replicating', ?, ?, NULL, 3, NULL)"));
    for (qint64 t = from; t < to; t += step) {
        q.bindValue(0, tableId);
        q.bindValue(1, t);
        q.bindValue(2, t / 1000);
        q.bindValue(3, t / 10);
        q.exec();
    }
    db.commit();
}

// The child of sigkillWhileWriting: writes batches for ever and prints each committed total.
int runChildWriter(const QString &path)
{
    HistoryStore store;
    HistoryStore::Options options;
    options.batchDelay = std::chrono::milliseconds(5);
    store.setOptions(options);
    QObject::connect(&store, &HistoryStore::committed, [](qint64 total) {
        std::printf("COMMITTED %lld\n", static_cast<long long>(total));
        std::fflush(stdout);
    });
    store.open(path);
    qint64 t = QDateTime::currentMSecsSinceEpoch(); // within the retention of the parent's open
    QTimer feed;
    QObject::connect(&feed, &QTimer::timeout, [&] {
        QList<TableSample> batch;
        for (int i = 0; i < 200; ++i)
            batch.append(sample(QStringLiteral("t%1").arg(i), t));
        t += 1000;
        store.record(batch, {}, {});
    });
    feed.start(2);
    return QCoreApplication::exec();
}

} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir; // this suite's own folder: parallel suites never share a history file
    int m_files = 0;
    QString newPath() { return m_dir.filePath(QStringLiteral("case%1/history.sqlite").arg(++m_files)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")), "libqt6sql6-sqlite is missing");
    }

    void pathHashesTheIds()
    {
        const QString a = HistoryFile::path(QStringLiteral("/data"), QStringLiteral("tenant-a"), QStringLiteral("user-1"));
        QVERIFY(a.startsWith(QLatin1String("/data/history/")));
        QVERIFY(!a.contains(QLatin1String("tenant")));
        QVERIFY(!a.contains(QLatin1String("user")));
        QCOMPARE(a, HistoryFile::path(QStringLiteral("/data"), QStringLiteral("TENANT-A"), QStringLiteral("user-1")));
        QVERIFY(a != HistoryFile::path(QStringLiteral("/data"), QStringLiteral("tenant-a"), QStringLiteral("user-2")));
        QVERIFY(HistoryFile::path(QStringLiteral("/d"), QStringLiteral("ab"), QStringLiteral("c"))
                != HistoryFile::path(QStringLiteral("/d"), QStringLiteral("a"), QStringLiteral("bc")));
    }

    void newFileIsUserOnlyWalCurrentSchema()
    {
        const QString path = newPath();
        HistoryStore store;
        QSignalSpy unavailable(&store, &HistoryStore::unavailable);
        store.open(path);
        QCOMPARE(waitOpened(store), HistoryStore::State::Writing);
        QCOMPARE(unavailable.count(), 0);
        const auto perms = QFile::permissions(path);
        QVERIFY(perms & QFileDevice::ReadOwner);
        QVERIFY(perms & QFileDevice::WriteOwner);
        QCOMPARE(perms & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
                          | QFileDevice::WriteOther | QFileDevice::ExeOwner),
                 QFileDevice::Permissions());
        RawFile raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), HistorySchema::kCurrentVersion);
    }

    void recordsAndReadsBack()
    {
        const QString path = newPath();
        HistoryStore store;
        store.open(path);
        QCOMPARE(waitOpened(store), HistoryStore::State::Writing);
        QList<TableSample> tables{sample(QStringLiteral("orders"), kNow - 3 * kMinute, QStringLiteral("Replicating"), 10),
                                  sample(QStringLiteral("orders"), kNow - 2 * kMinute, QStringLiteral("Failed"), 10),
                                  sample(QStringLiteral("orders"), kNow - kMinute, QStringLiteral("Failed"), 10),
                                  sample(QStringLiteral("orders"), kNow, QStringLiteral("Replicating"), 20),
                                  sample(QStringLiteral("lines"), kNow, QStringLiteral("Snapshotting"), 5)};
        DatabaseSample d;
        d.databaseId = QStringLiteral("db-1");
        d.timeMs = kNow;
        d.status = QStringLiteral("Running");
        d.rows = 25;
        d.failedTables = 0;
        HistoryEvent e;
        e.databaseId = QStringLiteral("db-1");
        e.timeMs = kNow - 2 * kMinute;
        e.kind = QStringLiteral("TableFailed");
        e.schema = QStringLiteral("dbo");
        e.table = QStringLiteral("orders");
        e.message = QStringLiteral("<b>not</b> markup\n");
        QVERIFY(recordAndWait(store, tables, {d}, {e}));
        store.markSeen(QStringLiteral("db-1"), kNow - kMinute);

        HistoryReader reader(path);
        QVERIFY2(reader.isOpen(), qPrintable(reader.error()));
        const auto orders = reader.tableSeries(QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("orders"), 0, kNow + 1);
        QCOMPARE(orders.size(), 4);
        QCOMPARE(orders.at(1).errorCode, QStringLiteral("SourceTableNotFound"));
        QCOMPARE(orders.at(3).rows, 20);
        const auto timeline = reader.tableTransitions(QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("orders"), 0, kNow + 1);
        QCOMPARE(timeline.size(), 3); // Replicating, Failed, Replicating
        QCOMPARE(timeline.at(1).status, QStringLiteral("Failed"));
        const auto events = reader.events(QStringLiteral("db-1"), 0, kNow + 1);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().message, e.message);
        QCOMPARE(reader.databaseSeries(QStringLiteral("db-1"), 0, kNow + 1).size(), 1);
        QVERIFY(QTest::qWaitFor([&] { return reader.lastSeen(QStringLiteral("db-1")) == kNow - kMinute; }, 5000));
    }

    void migrations_data()
    {
        QTest::addColumn<int>("fromVersion");
        QTest::addRow("empty file (0)") << 0;
        for (int v = 1; v < HistorySchema::kCurrentVersion; ++v)
            QTest::addRow("version %d", v) << v;
    }
    void migrations()
    {
        QFETCH(int, fromVersion);
        const QString path = newPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        {
            RawFile raw(path);
            QSqlDatabase db = raw.db();
            QCOMPARE(HistorySchema::migrate(db, nullptr, fromVersion), HistorySchema::Result::Ok);
            QCOMPARE(HistorySchema::version(db), fromVersion);
            // What an older console had written, in the tables of that version.
            if (fromVersion >= 1) {
                QVERIFY(raw.exec(QStringLiteral("INSERT INTO tables VALUES(1, 'db-1', 'dbo', 'orders')")));
                QVERIFY(raw.exec(QStringLiteral("INSERT INTO table_samples VALUES(1, %1, 'Failed', 7, 70, NULL, 4, 'X')").arg(kNow)));
                QVERIFY(raw.exec(QStringLiteral("INSERT INTO events(database_id, t, kind) VALUES('db-1', %1, 'TableFailed')").arg(kNow)));
            }
            if (fromVersion >= 2)
                QVERIFY(raw.exec(QStringLiteral("INSERT INTO database_samples VALUES('db-1', %1, 'Running', 7, 70, 4, 1, NULL)").arg(kNow)));
        }
        HistoryStore store;
        HistoryStore::Options options;
        options.retentionDays = 365 * 100; // keep the old rows whatever today's date
        store.setOptions(options);
        store.open(path);
        QCOMPARE(waitOpened(store), HistoryStore::State::Writing);
        QVERIFY(recordAndWait(store, {sample(QStringLiteral("new"), kNow + 1)}));
        HistoryReader reader(path);
        QVERIFY2(reader.isOpen(), qPrintable(reader.error()));
        const auto old = reader.tableSeries(QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("orders"), 0, kNow + 10);
        QCOMPARE(old.size(), fromVersion >= 1 ? 1 : 0);
        if (fromVersion >= 1) {
            QCOMPARE(old.first().status, QStringLiteral("Failed"));
            QCOMPARE(old.first().errorCode, QStringLiteral("X"));
            QCOMPARE(reader.events(QStringLiteral("db-1"), 0, kNow + 10).size(), 1);
        }
        QCOMPARE(reader.databaseSeries(QStringLiteral("db-1"), 0, kNow + 10).size(), fromVersion >= 2 ? 1 : 0);
        QCOMPARE(reader.tableSeries(QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("new"), 0, kNow + 10).size(), 1);
        RawFile raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), HistorySchema::kCurrentVersion);
    }

    void retentionAndDownsampling()
    {
        const QString path = newPath();
        QVERIFY(createdByStore(path));
        RawFile raw(path);
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO tables VALUES(1, 'db-1', 'dbo', 'orders')")));
        // A sample a minute for 35 days, plus one event a day.
        insertSeries(raw.db(), 1, kNow - 35 * kDay, kNow, kMinute);
        for (int d = 0; d < 35; ++d)
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO events(database_id, t, kind) VALUES('db-1', %1, 'TableFailed')")
                                 .arg(kNow - d * kDay - 1)));
        // The store's own pass at creation ran at today's date, after this made-up past: forget
        // how far it thinned, as if these rows had been there before.
        QVERIFY(raw.exec(QStringLiteral("DELETE FROM meta")));
        QSqlDatabase db = raw.db();
        const HistoryMaintenance::Outcome outcome = HistoryMaintenance::run(db, kNow, 30, 0);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));

        // The oracle: which of the samples each rule keeps, counted sample by sample.
        qint64 kept = 0;
        for (qint64 t = kNow - 35 * kDay; t < kNow; t += kMinute) {
            if (t < kNow - 30 * kDay)
                continue;
            if (t < kNow - 7 * kDay)
                kept += t % HistoryMaintenance::kHourMs == 0;
            else if (t < kNow - kDay)
                kept += t % HistoryMaintenance::kFiveMinutesMs == 0;
            else
                ++kept;
        }
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM table_samples")).toLongLong(), kept);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM events")).toInt(), 30);
        QVERIFY(raw.value(QStringLiteral("SELECT min(t) FROM table_samples")).toLongLong() >= kNow - 30 * kDay);
        // The last day is untouched: every minute.
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM table_samples WHERE t >= %1").arg(kNow - kDay)).toInt(), 1440);
        // A second pass finds nothing more to do.
        const HistoryMaintenance::Outcome again = HistoryMaintenance::run(db, kNow, 30, 0);
        QCOMPARE(again.removedByRetention + again.removedByDownsampling, 0);
    }

    void sizeCapDropsOldestDays()
    {
        const QString path = newPath();
        QVERIFY(createdByStore(path));
        RawFile raw(path);
        for (int id = 1; id <= 10; ++id) {
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO tables VALUES(%1, 'db-1', 'dbo', 't%1')").arg(id)));
            insertSeries(raw.db(), id, kNow - 10 * kDay, kNow, 5 * kMinute);
        }
        QSqlDatabase db = raw.db();
        const qint64 before = HistoryMaintenance::usedBytes(db);
        const qint64 cap = before / 3;
        const HistoryMaintenance::Outcome outcome = HistoryMaintenance::run(db, kNow, 30, cap);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QVERIFY(outcome.removedBySizeCap > 0);
        QVERIFY2(HistoryMaintenance::usedBytes(db) <= cap, qPrintable(QString::number(HistoryMaintenance::usedBytes(db))));
        // The newest day is kept whole; what went is the oldest.
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM table_samples WHERE t >= %1").arg(kNow - kDay)).toInt(), 10 * 288);
        QVERIFY(raw.value(QStringLiteral("SELECT min(t) FROM table_samples")).toLongLong() > kNow - 10 * kDay);
    }

    void damagedFiles_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addRow("not a database") << "garbage";
        QTest::addRow("pages overwritten") << "pages";
        QTest::addRow("newer schema") << "newer";
        QTest::addRow("read-only file") << "readonly";
    }
    void damagedFiles()
    {
        QFETCH(QString, damage);
        const QString path = newPath();
        {
            HistoryStore store;
            store.open(path);
            QCOMPARE(waitOpened(store), HistoryStore::State::Writing);
            QList<TableSample> rows;
            for (int i = 0; i < 2000; ++i)
                rows.append(sample(QStringLiteral("t%1").arg(i % 50), kNow - i * 1000));
            QVERIFY(recordAndWait(store, rows));
        }
        if (damage == QLatin1String("garbage")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(QByteArray(8192, 'x'));
        } else if (damage == QLatin1String("pages")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.size() > 4 * 4096);
            f.seek(4096); // past the header: the schema reads, the b-trees do not
            f.write(QByteArray(int(f.size()) - 4096, '\xA5'));
        } else if (damage == QLatin1String("newer")) {
            RawFile raw(path);
            QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = 99")));
        } else {
            QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner));
        }
        const QByteArray hash = fileHash(path);

        HistoryStore store;
        QSignalSpy unavailable(&store, &HistoryStore::unavailable);
        store.open(path);
        QCOMPARE(waitOpened(store), HistoryStore::State::Unavailable);
        QCOMPARE(unavailable.count(), 1);
        QVERIFY(!store.problem().isEmpty());
        // Records are dropped, quietly: the console works on and says nothing more.
        store.record({sample(QStringLiteral("x"), kNow)}, {}, {});
        QTest::qWait(50);
        QCOMPARE(unavailable.count(), 1);
        store.close();
        QVERIFY(QTest::qWaitFor([&] { return !store.isClosing(); }, 10000));
        QCOMPARE(fileHash(path), hash); // the file is left as it was, for the user to look at
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    // Sign-out closes the store on the GUI thread: close() hands the last commit to the writer
    // and returns; signing in again to the same tenant opens the same file, whose writer starts
    // only after the closing one let go of the lock (or it would only read).
    void closeReturnsAndReopenWaitsForTheLastCommit()
    {
        const QString path = newPath();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        HistoryStore store;
        store.open(path);
        QCOMPARE(waitOpened(store), HistoryStore::State::Writing);
        QList<TableSample> queued;
        for (int i = 0; i < 20000; ++i)
            queued.append(sample(QStringLiteral("t%1").arg(i % 50), now - i * 1000, QStringLiteral("Replicating"), i));
        QSignalSpy closed(&store, &HistoryStore::closed);
        store.record(queued, {}, {});
        store.close(); // the writer has not even been asked to stop before this: it cannot be done
        QCOMPARE(store.state(), HistoryStore::State::Closed);
        QVERIFY(store.isClosing());
        store.open(path);
        QCOMPARE(store.state(), HistoryStore::State::Opening);
        QCOMPARE(waitOpened(store), HistoryStore::State::Writing);
        QCOMPARE(closed.count(), 1);
        QVERIFY(!store.isClosing());
        QVERIFY(recordAndWait(store, {sample(QStringLiteral("after"), now)}));
        store.close();
        QVERIFY(closed.wait(10000));

        HistoryReader reader(path);
        qint64 rows = 0;
        for (int t = 0; t < 50; ++t)
            rows += reader.tableSeries(QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("t%1").arg(t), 0, now + 1).size();
        QCOMPARE(rows, 20000);
        QCOMPARE(reader.tableSeries(QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("after"), 0, now + 1).size(), 1);
    }

    void fullDiskKeepsWhatWasCommitted()
    {
        // A full disk, made by a ceiling on the file (SQLite's max_page_count): the same
        // SQLITE_FULL a disk gives, without filling one.
        const QString path = newPath();
        const qint64 now = QDateTime::currentMSecsSinceEpoch(); // within the retention
        QList<TableSample> before;
        for (int i = 0; i < 300; ++i)
            before.append(sample(QStringLiteral("kept%1").arg(i % 10), now - i * 1000));
        {
            HistoryStore store;
            store.open(path);
            QCOMPARE(waitOpened(store), HistoryStore::State::Writing);
            QVERIFY(recordAndWait(store, before));
        }
        {
            HistoryStore store;
            HistoryStore::Options options;
            options.batchDelay = std::chrono::milliseconds(5);
            options.fileLimitBytes = 4096; // below the file's size: no page more
            store.setOptions(options);
            QSignalSpy unavailable(&store, &HistoryStore::unavailable);
            store.open(path);
            QCOMPARE(waitOpened(store), HistoryStore::State::Writing);
            QList<TableSample> more;
            for (int i = 0; i < 5000; ++i)
                more.append(sample(QStringLiteral("new_table_with_a_long_name_%1").arg(i), now - i));
            store.record(more, {}, {});
            QVERIFY(QTest::qWaitFor([&] { return store.state() == HistoryStore::State::Unavailable; }, 10000));
            QCOMPARE(unavailable.count(), 1);
            QVERIFY2(store.problem().contains(QLatin1String("disk is full")), qPrintable(store.problem()));
            // From then on records are dropped quietly: said once, and the console goes on.
            store.record(more.mid(0, 10), {}, {});
            store.markSeen(QStringLiteral("db-1"), now);
            QTest::qWait(50);
            QCOMPARE(unavailable.count(), 1);
            QCOMPARE(store.committedCount(), 0);
        }
        // What was committed before is all there, the file sound, the failed batch not half in.
        {
            RawFile raw(path);
            QCOMPARE(raw.value(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
            QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM table_samples")).toInt(), 300);
            QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM tables WHERE table_name LIKE 'new_%'")).toInt(), 0);
        }
        // Space again (the next start): the same file is written on.
        HistoryStore store;
        store.open(path);
        QCOMPARE(waitOpened(store), HistoryStore::State::Writing);
        QVERIFY(recordAndWait(store, {sample(QStringLiteral("after"), now)}));
        HistoryReader reader(path);
        QCOMPARE(reader.tableSeries(QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("kept3"), 0, now + 1).size(), 30);
        QCOMPARE(reader.tableSeries(QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("after"), 0, now + 1).size(), 1);
    }

    void lockedByAnotherProgram()
    {
        const QString path = newPath();
        QVERIFY(createdByStore(path));
        // Another program (not a console: no lock file) holds the write lock for good.
        RawFile other(path);
        QVERIFY(other.exec(QStringLiteral("PRAGMA busy_timeout = 0")));
        QVERIFY(other.exec(QStringLiteral("BEGIN EXCLUSIVE")));
        HistoryStore store;
        QSignalSpy unavailable(&store, &HistoryStore::unavailable);
        store.open(path);
        // Opening waits the busy timeout (2 s), then the store gives up, once.
        QVERIFY(QTest::qWaitFor([&] { return store.state() == HistoryStore::State::Unavailable; }, 10000));
        store.record({sample(QStringLiteral("x"), kNow)}, {}, {});
        QTest::qWait(50);
        QCOMPARE(unavailable.count(), 1);
        other.exec(QStringLiteral("ROLLBACK"));
    }

    void secondConsoleReadsWhileFirstWrites()
    {
        const QString path = newPath();
        HistoryStore first;
        HistoryStore::Options options;
        options.batchDelay = std::chrono::milliseconds(5);
        first.setOptions(options);
        first.open(path);
        QCOMPARE(waitOpened(first), HistoryStore::State::Writing);

        HistoryStore second;
        QSignalSpy told(&second, &HistoryStore::unavailable);
        second.open(path);
        QCOMPARE(waitOpened(second), HistoryStore::State::ReadOnly);
        QCOMPARE(told.count(), 1);
        second.record({sample(QStringLiteral("dup"), kNow)}, {}, {}); // ignored: one writer only

        // A reader sees each commit as it lands, while the writer goes on.
        HistoryReader reader(path);
        QVERIFY2(reader.isOpen(), qPrintable(reader.error()));
        qsizetype seen = 0;
        for (int batch = 1; batch <= 20; ++batch) {
            QList<TableSample> rows;
            for (int i = 0; i < 100; ++i)
                rows.append(sample(QStringLiteral("orders"), kNow + (batch * 100 + i) * 1000));
            first.record(rows, {}, {});
            const auto now = reader.tableSeries(QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("orders"), 0, kNow * 2);
            QVERIFY(now.size() >= seen); // never goes back, never half a batch
            QCOMPARE(now.size() % 100, 0);
            seen = now.size();
        }
        QVERIFY(QTest::qWaitFor([&] { return first.committedCount() == 2000; }, 10000));
        QCOMPARE(reader.tableSeries(QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("orders"), 0, kNow * 2).size(), 2000);
        QCOMPARE(reader.tableSeries(QStringLiteral("db-1"), QStringLiteral("dbo"), QStringLiteral("dup"), 0, kNow * 2).size(), 0);
    }

    void summary_data()
    {
        QTest::addColumn<QList<HistoryEvent>>("events");
        QTest::addColumn<QStringList>("expected"); // a fragment each line must hold, in order
        const auto ev = [](qint64 minutes, const char *kind, const char *table = "", const char *after = "",
                           const char *code = "") {
            HistoryEvent e;
            e.databaseId = QStringLiteral("db-1");
            e.timeMs = kNow + minutes * kMinute;
            e.kind = QString::fromLatin1(kind);
            e.schema = *table ? QStringLiteral("dbo") : QString();
            e.table = QString::fromLatin1(table);
            e.before = QStringLiteral("Running");
            e.after = QString::fromLatin1(after);
            e.errorCode = QString::fromLatin1(code);
            return e;
        };
        QTest::addRow("failed and recovered")
            << QList<HistoryEvent>{ev(10, "TableFailed", "orders", "Failed", "SourceTableNotFound"),
                                   ev(95, "TableRecovered", "orders", "Replicating")}
            << QStringList{QStringLiteral("dbo.orders failed at"), QStringLiteral("(SourceTableNotFound), recovered at"),
                           QStringLiteral("down 1 h 25 min")};
        QTest::addRow("stale, then recovered")
            << QList<HistoryEvent>{ev(10, "TableStale", "orders", "Replicating", "SourceConnectionLost"),
                                   ev(40, "TableRecovered", "orders", "Replicating")}
            << QStringList{QStringLiteral("dbo.orders stopped replicating at"),
                           QStringLiteral("(SourceConnectionLost), recovered at"), QStringLiteral("down 30 min")};
        QTest::addRow("still failing")
            << QList<HistoryEvent>{ev(0, "TableFailed", "orders", "Failed")}
            << QStringList{QStringLiteral("still failing: down 2 h")};
        QTest::addRow("recovered from before")
            << QList<HistoryEvent>{ev(5, "TableRecovered", "lines", "Replicating")}
            << QStringList{QStringLiteral("dbo.lines recovered at")};
        QTest::addRow("stopped, started, throttled twice")
            << QList<HistoryEvent>{ev(1, "MirroringStopped", "", "Stopped"), ev(2, "Throttled", "", "30000"),
                                   ev(3, "Throttled", "", "60000"), ev(50, "MirroringStarted", "", "Running")}
            << QStringList{QStringLiteral("Mirroring Running → Stopped"),
                           QStringLiteral("Throttled by the service 2 times"), QStringLiteral("Mirroring Running → Running")};
        QTest::addRow("before the last look is left out")
            << QList<HistoryEvent>{ev(-10, "TableFailed", "old", "Failed")} << QStringList{};
    }
    void summary()
    {
        QFETCH(QList<HistoryEvent>, events);
        QFETCH(QStringList, expected);
        const QList<SummaryLine> lines = HistorySummary::summarize(events, kNow, kNow + 120 * kMinute);
        QString all;
        for (const SummaryLine &line : lines)
            all += line.text + QLatin1Char('\n');
        qsizetype from = 0;
        for (const QString &fragment : expected) {
            const qsizetype at = all.indexOf(fragment, from);
            QVERIFY2(at >= 0, qPrintable(QStringLiteral("\"%1\" not in:\n%2").arg(fragment, all)));
            from = at;
        }
        if (expected.isEmpty())
            QVERIFY2(lines.isEmpty(), qPrintable(all));
    }

    void sigkillWhileWriting()
    {
        const QString path = newPath();
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({QStringLiteral("--child-writer"), path});
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start();
        QVERIFY(child.waitForStarted(10000));
        qint64 committed = 0;
        QByteArray pending;
        QVERIFY(QTest::qWaitFor([&] {
            pending += child.readAllStandardOutput();
            qsizetype nl;
            while ((nl = pending.indexOf('\n')) >= 0) {
                const QByteArray line = pending.left(nl);
                pending.remove(0, nl + 1);
                if (line.startsWith("COMMITTED "))
                    committed = line.mid(10).toLongLong();
            }
            return committed >= 20000;
        }, 15000));
        child.kill(); // SIGKILL, in the middle of the next batches
        QVERIFY(child.waitForFinished(5000));
        pending += child.readAllStandardOutput();
        for (const QByteArray &line : pending.split('\n'))
            if (line.startsWith("COMMITTED "))
                committed = line.mid(10).toLongLong();

        // The file opens, every sample committed before the kill is there, and the dead
        // console's lock does not keep this one from writing.
        HistoryStore store;
        store.open(path);
        QCOMPARE(waitOpened(store), HistoryStore::State::Writing);
        RawFile raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        const qint64 rows = raw.value(QStringLiteral("SELECT count(*) FROM table_samples")).toLongLong();
        QVERIFY2(rows >= committed, qPrintable(QStringLiteral("%1 rows, %2 committed").arg(rows).arg(committed)));
        QCOMPARE(rows % 200, 0); // whole batches only
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--child-writer") == 0)
        return runChildWriter(QString::fromLocal8Bit(argv[2]));
    TestHistoryStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_historystore.moc"
