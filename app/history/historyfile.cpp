#include "app/history/historyfile.h"

#include "app/history/historyschema.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace fmc {

QString HistoryFile::path(const QString &folder, const QString &tenantId, const QString &accountId)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(tenantId.toLower().toUtf8());
    hash.addData(QByteArrayView("\n", 1)); // "ab"+"c" and "a"+"bc" stay two files
    hash.addData(accountId.toLower().toUtf8());
    return QDir(folder).filePath(QStringLiteral("history/%1.sqlite").arg(QString::fromLatin1(hash.result().toHex())));
}

QString HistoryFile::lockPath(const QString &databasePath)
{
    return databasePath + QStringLiteral(".lock");
}

namespace {

// Checks and prepares an open connection; the reason on failure, empty on success. Nothing is
// written before the file is known to be sound and of a schema this console knows.
QString prepare(QSqlDatabase &db, bool writable, bool *newerSchema)
{
    QSqlQuery q(db);
    if (!writable) {
        // Reading a damaged file fails query by query; a read-only connection needs no check.
        return q.exec(QStringLiteral("SELECT count(*) FROM sqlite_schema")) ? QString() : q.lastError().text();
    }
    // A damaged file shows here rather than in the middle of a write.
    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next())
        return q.lastError().text();
    if (q.value(0).toString() != QLatin1String("ok"))
        return QStringLiteral("the file is damaged (%1)").arg(q.value(0).toString().left(200));
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return q.lastError().text();
    if (q.value(0).toInt() > HistorySchema::kCurrentVersion) {
        if (newerSchema)
            *newerSchema = true;
        return QStringLiteral("the file has schema version %1; this console knows up to %2")
            .arg(q.value(0).toInt()).arg(HistorySchema::kCurrentVersion);
    }
    // Before the first table exists, so that the size cap can give pages back to the disk.
    if (!q.exec(QStringLiteral("PRAGMA auto_vacuum = INCREMENTAL")))
        return q.lastError().text();
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next())
        return q.lastError().text();
    if (q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return QStringLiteral("the file cannot be put in WAL mode");
    // WAL + NORMAL: a crash loses at most the last commits, never the file.
    q.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    // Checkpoint every 32 MB of WAL rather than 4: batches commit often, and each checkpoint
    // copies pages into the file again.
    q.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 8192"));
    return {};
}

} // namespace

bool HistoryFile::open(const QString &connectionName, const QString &path, bool writable, QString *error,
                       bool *newerSchema)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        close(connectionName);
        return false;
    };
    if (writable) {
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return fail(QStringLiteral("cannot create the folder %1").arg(QFileInfo(path).absolutePath()));
        if (!QFileInfo::exists(path)) {
            // Created empty and user-only before SQLite opens it, so it never exists wider.
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)
                || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
                return fail(file.errorString());
        }
    } else if (!QFileInfo::exists(path)) {
        return fail(QStringLiteral("%1 does not exist").arg(path));
    }

    QString why;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        if (!db.isValid()) {
            why = QStringLiteral("the Qt SQLite driver (libqt6sql6-sqlite) is not installed");
        } else {
            db.setDatabaseName(path);
            // Another console's checkpoint or retention pass may hold the file briefly: wait.
            db.setConnectOptions(writable ? QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000")
                                          : QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000;QSQLITE_OPEN_READONLY"));
            why = db.open() ? prepare(db, writable, newerSchema) : db.lastError().text();
        }
    }
    return why.isEmpty() ? true : fail(why); // the connection is closed once no handle is left
}

void HistoryFile::close(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

} // namespace fmc
