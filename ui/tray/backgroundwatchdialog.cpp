#include "ui/tray/backgroundwatchdialog.h"

#include "app/watch/backgroundwatch.h"
#include "models/displaytext.h"
#include "ui/tray/traycontroller.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace fmc {

BackgroundWatchDialog::BackgroundWatchDialog(BackgroundWatch *watch, TrayController *tray,
                                             std::function<QList<WatchedDatabase>()> selection, QWidget *parent)
    : QDialog(parent)
    , m_watch(watch)
    , m_selection(std::move(selection))
{
    setObjectName(QStringLiteral("backgroundWatchDialog"));
    setWindowTitle(tr("Background watch"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("These mirrored databases are watched when every console window is closed: the "
                                "console stays in the system tray, polls at the refresh interval and raises a "
                                "desktop notification when a table fails or recovers. Quit from the tray icon "
                                "stops it."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_trayNote = new QLabel;
    m_trayNote->setObjectName(QStringLiteral("trayNote"));
    m_trayNote->setWordWrap(true);
    m_trayNote->setVisible(!TrayController::isAvailable());
    m_trayNote->setText(tr("This desktop shows no system tray, so the console cannot watch in the background: "
                           "it quits when its last window closes. Open a dashboard to watch instead."));
    layout->addWidget(m_trayNote);

    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("watchedList"));
    m_list->setAccessibleName(tr("Watched mirrored databases"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    layout->addWidget(m_list, 1);

    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("&Add the selected databases"));
    m_add->setObjectName(QStringLiteral("addWatched"));
    m_remove = new QPushButton(tr("&Remove"));
    m_remove->setObjectName(QStringLiteral("removeWatched"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    layout->addLayout(buttons);

    m_autostart = new QCheckBox(tr("Start watching in the tray when I log in"));
    m_autostart->setObjectName(QStringLiteral("autostartCheck"));
    QAction *autostart = tray->autostartAction();
    m_autostart->setChecked(autostart->isChecked());
    m_autostart->setToolTip(autostart->toolTip());
    // The tray's action owns the file; this box mirrors it both ways.
    connect(m_autostart, &QCheckBox::toggled, autostart, &QAction::setChecked);
    connect(autostart, &QAction::toggled, m_autostart, &QCheckBox::setChecked);
    layout->addWidget(m_autostart);

    auto *box = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(box);

    connect(m_add, &QPushButton::clicked, this, [this] {
        for (const WatchedDatabase &d : m_selection())
            m_watch->setWatched(d, true);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QList<WatchedDatabase> all = m_watch->databases();
        for (const QListWidgetItem *item : m_list->selectedItems()) {
            const int row = m_list->row(item);
            if (row >= 0 && row < all.size())
                m_watch->setWatched(all.at(row), false);
        }
    });
    connect(m_list, &QListWidget::itemSelectionChanged, this, &BackgroundWatchDialog::updateButtons);
    connect(m_watch, &BackgroundWatch::databasesChanged, this, &BackgroundWatchDialog::reload);
    reload();
    resize(520, 420);
}

void BackgroundWatchDialog::reload()
{
    m_list->clear();
    for (const WatchedDatabase &d : m_watch->databases()) {
        auto *item = new QListWidgetItem(displayText(d.displayName.isEmpty() ? d.databaseId : d.displayName));
        item->setToolTip(plainToolTip(d.workspaceId + QLatin1Char('/') + d.databaseId));
        m_list->addItem(item);
    }
    updateButtons();
}

void BackgroundWatchDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::ActivationChange)
        updateButtons();
}

void BackgroundWatchDialog::updateButtons()
{
    m_add->setEnabled(m_selection && !m_selection().isEmpty());
    m_remove->setEnabled(!m_list->selectedItems().isEmpty());
}

} // namespace fmc
