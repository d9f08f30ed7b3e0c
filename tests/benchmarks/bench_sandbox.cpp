// fmc-bench-sandbox: requests per second fabric-sandbox serves for getTablesMirroringStatus pages
// (100 tables each) on loopback, with a small Qt client keeping a fixed number of requests in
// flight. The sandbox runs in its own thread. The floor is the same client against the cheapest
// answer the server has (GET /_sandbox/clock), measured in the same run.
#include "sandbox/fabricstate.h"
#include "sandbox/sandbox.h"

#include "benchreport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace fmc::sandbox;

using fmc::bench::report;
using fmc::bench::median;

namespace {

constexpr int kConcurrency = 6; // QNetworkAccessManager's connections per host
constexpr int kRequests = 800;
constexpr int kRepeats = 5;

//! Sends \a total requests, \a kConcurrency at a time; returns requests per second (0 on error).
double requestsPerSecond(QNetworkAccessManager &nam, const QList<QNetworkRequest> &requests, const QByteArray &method)
{
    int sent = 0, done = 0;
    bool failed = false;
    QEventLoop loop;
    std::function<void()> sendNext = [&] {
        const QNetworkRequest &request = requests[sent % requests.size()];
        ++sent;
        QNetworkReply *reply = nam.sendCustomRequest(request, method);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            reply->readAll();
            failed = failed || reply->error() != QNetworkReply::NoError;
            reply->deleteLater();
            if (++done == kRequests)
                loop.quit();
            else if (sent < kRequests)
                sendNext();
        });
    };
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kConcurrency; ++i)
        sendNext();
    loop.exec();
    return failed ? 0.0 : kRequests * 1000.0 / std::max<qint64>(1, timer.elapsed());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);

    // The server lives in its own thread so that client and server do not share one event loop.
    QThread serverThread;
    QObject context;
    context.moveToThread(&serverThread);
    serverThread.start();
    Sandbox *sandbox = nullptr;
    QString path;
    QMetaObject::invokeMethod(&context, [&] {
        SandboxOptions options;
        options.requireAuth = false;
        options.pageSize = 100;
        sandbox = new Sandbox(options);
        sandbox->listen();
        for (const auto &ws : sandbox->state()->workspaces())
            for (auto *mirror : sandbox->state()->mirrors(ws.id))
                if (mirror->displayName == QLatin1String("SalesArchive")) // 500 mirrored tables
                    path = QStringLiteral("/v1/workspaces/%1/mirroredDatabases/%2/getTablesMirroringStatus").arg(ws.id, mirror->id);
    }, Qt::BlockingQueuedConnection);
    const QString base = sandbox->serverUrl().toString();

    QList<QNetworkRequest> pages;
    for (int offset = 0; offset < 500; offset += 100) {
        QString url = base + path;
        if (offset > 0)
            url += QStringLiteral("?continuationToken=")
                   + QString::fromLatin1(QByteArray("p:" + QByteArray::number(offset))
                                             .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        pages.append(QNetworkRequest(QUrl(url)));
    }
    const QList<QNetworkRequest> floor{QNetworkRequest(QUrl(base + QStringLiteral("/_sandbox/clock")))};

    QNetworkAccessManager nam;
    requestsPerSecond(nam, pages, "POST"); // warm-up: connections, caches
    std::vector<double> tables, bare;
    for (int i = 0; i < kRepeats; ++i) {
        bare.push_back(requestsPerSecond(nam, floor, "GET"));
        tables.push_back(requestsPerSecond(nam, pages, "POST"));
    }
    const double tablesRps = median(tables), bareRps = median(bare);
    // 200 pages of 100 tables a second is far above what a console polling every few seconds needs.
    report("sandbox_tables_page_rps", tablesRps, "req/s", ">=", 200);
    report("sandbox_tables_page_vs_bare", bareRps > 0 ? tablesRps / bareRps : 0, "ratio", ">=", 0.25);

    QMetaObject::invokeMethod(&context, [&] { delete sandbox; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return 0;
}
