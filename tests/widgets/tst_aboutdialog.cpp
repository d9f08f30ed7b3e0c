#include "ui/aboutdialog.h"
#include "fmc_version.h"
#include "ui/mainwindow/mainwindow.h"

#include <nlohmann/json.hpp>

#include <QAction>
#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QSslSocket>
#include <QTest>
#include <QTreeWidget>

using namespace fmc;

class TestAboutDialog : public QObject
{
    Q_OBJECT
private slots:
    void showsVersions();
    void listsLicences_data();
    void listsLicences();
    void iconIsCompiledIn();
    void helpMenuOpensIt();
    void linksToTheRepository();
};

//! The console's link is its repository (owner/name on GitHub), not an organisation's page, and
//! the dialog shows it as a link that opens in the browser.
void TestAboutDialog::linksToTheRepository()
{
    const QUrl url(AboutDialog::components().constFirst().url);
    QCOMPARE(url.scheme(), QStringLiteral("https"));
    QCOMPARE(url.host(), QStringLiteral("github.com"));
    QCOMPARE(url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts).size(), 2);
    AboutDialog dialog;
    const auto *link = dialog.findChild<QLabel *>(QStringLiteral("aboutRepository"));
    QVERIFY(link);
    QVERIFY(link->openExternalLinks());
    QVERIFY2(link->text().contains(QStringLiteral("href=\"%1\"").arg(url.toString())), qPrintable(link->text()));
}

void TestAboutDialog::showsVersions()
{
    AboutDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const auto *version = dialog.findChild<QLabel *>(QStringLiteral("aboutVersion"));
    QVERIFY(version);
    QVERIFY2(version->text().contains(QStringLiteral(FMC_VERSION)), qPrintable(version->text()));
    const auto *qt = dialog.findChild<QLabel *>(QStringLiteral("aboutQtVersion"));
    QVERIFY(qt);
    QVERIFY2(qt->text().contains(QString::fromLatin1(qVersion())), qPrintable(qt->text()));
    QVERIFY2(qt->text().contains(QStringLiteral(QT_VERSION_STR)), qPrintable(qt->text()));
}

void TestAboutDialog::listsLicences_data()
{
    QTest::addColumn<QString>("component");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("licence");
    const QString qt = QString::fromLatin1(qVersion());
    QTest::newRow("console") << "Fabric Mirroring Console" << FMC_VERSION << "MIT";
    QTest::newRow("Qt") << "Qt" << qt << "LGPL-3.0-only";
    QTest::newRow("Qt Charts") << "Qt Charts" << qt << "GPL-3.0-only";
    QTest::newRow("Qt HTTP Server") << "Qt HTTP Server" << qt << "GPL-3.0-only";
    QTest::newRow("nlohmann_json")
        << "nlohmann_json"
        << QStringLiteral("%1.%2.%3").arg(NLOHMANN_JSON_VERSION_MAJOR).arg(NLOHMANN_JSON_VERSION_MINOR).arg(NLOHMANN_JSON_VERSION_PATCH)
        << "MIT";
    QTest::newRow("QtKeychain") << "QtKeychain" << "0." << "BSD-2-Clause";
    // The run-time library, as the TLS backend loaded it ("OpenSSL 3.0.x ..." → "3.0.x").
    QTest::newRow("OpenSSL") << "OpenSSL" << QSslSocket::sslLibraryVersionString().section(QLatin1Char(' '), 1, 1)
                             << "Apache-2.0";
    QTest::newRow("Fabric spec") << "Microsoft Fabric REST API specification" << "" << "MIT";
    QTest::newRow("dtl") << "dtl"
                         << "1."
                         << "BSD-3-Clause";
}

void TestAboutDialog::listsLicences()
{
    QFETCH(QString, component);
    QFETCH(QString, version);
    QFETCH(QString, licence);
    AboutDialog dialog;
    const auto *table = dialog.findChild<QTreeWidget *>(QStringLiteral("aboutLicences"));
    QVERIFY(table);
    const QList<QTreeWidgetItem *> rows = table->findItems(component, Qt::MatchExactly, 0);
    QCOMPARE(rows.size(), 1);
    const QTreeWidgetItem *row = rows.constFirst();
    // A version that only starts as expected (QtKeychain: whichever 0.x Debian ships) is enough.
    QVERIFY2(version.isEmpty() ? row->text(1).isEmpty() : row->text(1).startsWith(version),
             qPrintable(row->text(1) + QStringLiteral(" is not ") + version));
    QCOMPARE(row->text(2), licence);
    QVERIFY(row->text(3).startsWith(QLatin1String("https://")));
}

void TestAboutDialog::iconIsCompiledIn()
{
    QVERIFY(QFile::exists(QStringLiteral(":/icons/fabric-mirroring-console.svg")));
    const QIcon icon = AboutDialog::applicationIcon();
    QVERIFY(!icon.isNull());
    QCOMPARE(icon.pixmap(48, 48).size(), QSize(48, 48));
}

void TestAboutDialog::helpMenuOpensIt()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QMenu *help = nullptr;
    for (QAction *action : window.menuBar()->actions()) {
        if (action->menu() && action->text().remove(QLatin1Char('&')) == QLatin1String("Help"))
            help = action->menu();
    }
    QVERIFY(help);
    QAction *about = nullptr;
    for (QAction *action : help->actions()) {
        if (action->text().remove(QLatin1Char('&')).startsWith(QLatin1String("About")))
            about = action;
    }
    QVERIFY(about);
    QVERIFY(!window.findChild<AboutDialog *>());

    about->trigger();
    QPointer<AboutDialog> dialog = window.findChild<AboutDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    dialog->reject();
    // It deletes itself on close, so opening it again does not pile up dialogs.
    QTRY_VERIFY(dialog.isNull());
}

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
