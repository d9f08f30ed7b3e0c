#include "ui/profiles/profiledecorator.h"

#include "ui/profiles/profilestrip.h"

#include <QDialog>
#include <QEvent>
#include <QLayout>
#include <QMainWindow>
#include <QToolBar>

namespace fmc {
namespace {

constexpr char kProfileProperty[] = "fmcProfile";
constexpr char kPrefixProperty[] = "fmcProfileTitlePrefix";

// "PROD — Delete mirrored database": the label first, so that it survives a cut title bar.
// Windows that retitle themselves later (a dirty marker, a subject) keep it: see eventFilter().
void retitle(QWidget *window, const Profile &profile)
{
    QString title = window->windowTitle();
    const QString old = window->property(kPrefixProperty).toString();
    if (!old.isEmpty() && title.startsWith(old))
        title = title.mid(old.size());
    const QString prefix = profile.displayLabel() + QStringLiteral(" — ");
    window->setProperty(kPrefixProperty, prefix);
    window->setWindowTitle(title.isEmpty() ? profile.displayLabel() : prefix + title);
}

void decorate(QWidget *window, const Profile &profile)
{
    if (ProfileStrip *strip = ProfileDecorator::stripOf(window)) {
        strip->setProfile(profile);
        retitle(window, profile);
        return;
    }
    if (auto *main = qobject_cast<QMainWindow *>(window)) {
        // A row of its own above the tool bars: a fixed, unmovable band.
        auto *bar = new QToolBar(QMainWindow::tr("Profile"), main);
        bar->setObjectName(QStringLiteral("profileBar"));
        bar->setMovable(false);
        bar->setFloatable(false);
        bar->toggleViewAction()->setVisible(false);
        auto *strip = new ProfileStrip(profile, bar);
        strip->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        bar->addWidget(strip);
        const auto bars = main->findChildren<QToolBar *>(QString(), Qt::FindDirectChildrenOnly);
        QToolBar *first = nullptr;
        for (QToolBar *other : bars)
            if (other != bar && main->toolBarArea(other) == Qt::TopToolBarArea && !first)
                first = other;
        if (first) {
            main->insertToolBar(first, bar);
            main->insertToolBarBreak(first);
        } else {
            main->addToolBar(Qt::TopToolBarArea, bar);
        }
        bar->show();
    } else if (QLayout *layout = window->layout(); layout && !layout->menuBar()) {
        // Any layout (box or grid, as QMessageBox's) places its "menu bar" widget on top. Shown
        // explicitly: a child added while its window is being shown would stay hidden.
        auto *strip = new ProfileStrip(profile, window);
        layout->setMenuBar(strip);
        strip->show();
    } else {
        return; // a window without a layout (a bare widget): the title still says it
    }
    retitle(window, profile);
}

} // namespace

ProfileDecorator::ProfileDecorator(QObject *parent)
    : QObject(parent)
{
}

void ProfileDecorator::setProfile(QWidget *window, const Profile &profile)
{
    window->setProperty(kProfileProperty, QVariant::fromValue(profile));
    decorate(window, profile);
}

ProfileStrip *ProfileDecorator::stripOf(QWidget *window)
{
    // Wherever decorate() put it; a dialog of the window has a strip of its own.
    const auto strips = window->findChildren<ProfileStrip *>(QStringLiteral("profileStrip"));
    for (ProfileStrip *strip : strips)
        if (strip->window() == window)
            return strip;
    return nullptr;
}

std::optional<Profile> ProfileDecorator::profileOf(const QWidget *widget)
{
    for (const QWidget *w = widget; w; w = w->parentWidget()) {
        const QVariant value = w->property(kProfileProperty);
        if (value.isValid())
            return value.value<Profile>();
    }
    return std::nullopt;
}

bool ProfileDecorator::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::WindowTitleChange && watched->isWidgetType()) {
        auto *widget = static_cast<QWidget *>(watched);
        const QString prefix = widget->property(kPrefixProperty).toString();
        const QString title = widget->windowTitle();
        if (!prefix.isEmpty() && !title.isEmpty() && !title.startsWith(prefix) && prefix != title + QStringLiteral(" — "))
            widget->setWindowTitle(prefix + title);
    }
    if (event->type() == QEvent::Show && watched->isWidgetType()) {
        auto *widget = static_cast<QWidget *>(watched);
        // Dialogs inherit their window's profile once; windows were marked by setProfile().
        if (widget->isWindow() && qobject_cast<QDialog *>(widget) && !widget->property(kProfileProperty).isValid()) {
            if (const std::optional<Profile> profile = profileOf(widget->parentWidget()))
                setProfile(widget, *profile);
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace fmc
