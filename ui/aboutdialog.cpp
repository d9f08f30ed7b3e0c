#include "ui/aboutdialog.h"

#include "fmc_version.h"
#include "models/definitiondiff.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QSslSocket>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fmc {

namespace {

QLabel *label(const QString &objectName, const QString &text)
{
    auto *l = new QLabel(text);
    l->setObjectName(objectName);
    l->setTextInteractionFlags(Qt::TextBrowserInteraction);
    l->setWordWrap(true);
    return l;
}

} // namespace

QList<AboutDialog::Component> AboutDialog::components()
{
    // Every Qt module comes from the one Qt installation, so qVersion() is the version of each.
    const QString qt = QString::fromLatin1(qVersion());
    // The TLS backend loads OpenSSL at run time; an empty answer means none was found.
    QString openssl = QSslSocket::sslLibraryVersionString();
    if (openssl.startsWith(QLatin1String("OpenSSL ")))
        openssl = openssl.mid(8).section(QLatin1Char(' '), 0, 0);
    if (openssl.isEmpty())
        openssl = tr("not loaded");
    return {
        {QStringLiteral("Fabric Mirroring Console"), QStringLiteral(FMC_VERSION), QStringLiteral("MIT"),
         QStringLiteral(FMC_HOMEPAGE_URL)},
        {QStringLiteral("Qt"), qt, QStringLiteral("LGPL-3.0-only"), QStringLiteral("https://www.qt.io/licensing/")},
        // These two Qt modules have no LGPL licence: linking them puts the executables under the GPL.
        {QStringLiteral("Qt Charts"), qt, QStringLiteral("GPL-3.0-only"),
         QStringLiteral("https://doc.qt.io/qt-6/qtcharts-index.html")},
        {QStringLiteral("Qt HTTP Server"), qt, QStringLiteral("GPL-3.0-only"),
         QStringLiteral("https://doc.qt.io/qt-6/qthttpserver-index.html")},
        {QStringLiteral("QtKeychain"), QStringLiteral(FMC_QTKEYCHAIN_VERSION), QStringLiteral("BSD-2-Clause"),
         QStringLiteral("https://github.com/frankosterfeld/qtkeychain")},
        {QStringLiteral("nlohmann_json"), QStringLiteral(FMC_NLOHMANN_JSON_VERSION), QStringLiteral("MIT"),
         QStringLiteral("https://github.com/nlohmann/json")},
        // Header only, compiled into the diff the editor shows before Apply.
        {QStringLiteral("dtl"), DefinitionDiff::dtlVersion(), QStringLiteral("BSD-3-Clause"),
         QStringLiteral("https://github.com/cubicdaiya/dtl")},
        {QStringLiteral("OpenSSL"), openssl, QStringLiteral("Apache-2.0"),
         QStringLiteral("https://www.openssl.org/source/license.html")},
        {QStringLiteral("Microsoft Fabric REST API specification"), QString(), QStringLiteral("MIT"),
         QStringLiteral("https://github.com/microsoft/fabric-rest-api-specs")},
    };
}

QIcon AboutDialog::applicationIcon()
{
    return QIcon(QStringLiteral(":/icons/fabric-mirroring-console.svg"));
}

AboutDialog *AboutDialog::openFor(QWidget *parent)
{
    auto *dialog = new AboutDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    const QString name = QApplication::applicationDisplayName().isEmpty()
                             ? QStringLiteral("Fabric Mirroring Console")
                             : QApplication::applicationDisplayName();
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About %1").arg(name));

    auto *icon = new QLabel;
    icon->setPixmap(applicationIcon().pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);

    auto *text = new QVBoxLayout;
    text->addWidget(label(QStringLiteral("aboutName"), QStringLiteral("<h2>%1</h2>").arg(name.toHtmlEscaped())));
    text->addWidget(label(QStringLiteral("aboutVersion"), tr("Version %1").arg(QStringLiteral(FMC_VERSION))));
    // Built-against and running-on can differ when the distribution updates Qt under the package.
    text->addWidget(label(QStringLiteral("aboutQtVersion"),
                          tr("Built with Qt %1, running on Qt %2").arg(QStringLiteral(QT_VERSION_STR),
                                                                      QString::fromLatin1(qVersion()))));
    text->addWidget(label(QStringLiteral("aboutDescription"),
                          tr("Administers Microsoft Fabric mirrored databases, edits their mirroring "
                             "definitions and shows replication live.")));
    // The repository, where the source, the issues and the releases are.
    const QString repository = QStringLiteral(FMC_HOMEPAGE_URL);
    auto *link = label(QStringLiteral("aboutRepository"),
                       tr("Source code and issues: <a href=\"%1\">%2</a>")
                           .arg(repository.toHtmlEscaped(), repository.toHtmlEscaped()));
    link->setOpenExternalLinks(true);
    link->setAccessibleName(tr("Repository link"));
    text->addWidget(link);

    auto *header = new QHBoxLayout;
    header->addWidget(icon);
    header->addLayout(text, 1);

    auto *licences = new QTreeWidget;
    licences->setObjectName(QStringLiteral("aboutLicences"));
    licences->setAccessibleName(tr("Components and licences"));
    licences->setRootIsDecorated(false);
    licences->setHeaderLabels({tr("Component"), tr("Version"), tr("Licence"), tr("Web site")});
    for (const Component &c : components())
        licences->addTopLevelItem(new QTreeWidgetItem(QStringList{c.name, c.version, c.licence, c.url}));
    licences->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(new QLabel(tr("Components and their licences:")));
    layout->addWidget(licences, 1);
    layout->addWidget(label(QStringLiteral("aboutLicenceNote"),
                            tr("The console's own source code is under the MIT licence. Qt Charts and Qt HTTP "
                               "Server are available only under the GPL-3.0 (or a commercial licence), so these "
                               "executables, which link them, are distributed under the GPL-3.0.")));
    layout->addWidget(buttons);
    resize(820, 420);
}

} // namespace fmc
