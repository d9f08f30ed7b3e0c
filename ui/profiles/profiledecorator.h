#pragma once

#include "app/profiles/profile.h"

#include <QObject>

#include <optional>

class QWidget;

namespace fmc {

class ProfileStrip;

//! \brief Marks every window, dashboard and dialog with the profile it acts on.
//!
//! setProfile() ties a top-level window to a profile: it gets a ProfileStrip on top and the
//! label in its title. Installed on the application, the decorator does the same for every
//! dialog and message box that window (or its dialogs) opens, when first shown, so that no
//! dialog of a production profile goes out unmarked. profileOf() is how the ProductionGate
//! learns which profile an action belongs to.
class ProfileDecorator : public QObject
{
    Q_OBJECT
public:
    explicit ProfileDecorator(QObject *parent = nullptr);

    //! Ties \a window (top-level) to \a profile, marks it, and marks it again after an edit.
    static void setProfile(QWidget *window, const Profile &profile);
    //! The profile of \a widget: its own, or that of the nearest parent window; null when none.
    static std::optional<Profile> profileOf(const QWidget *widget);
    //! The strip setProfile() put on \a window (not one of its dialogs'), or null.
    static ProfileStrip *stripOf(QWidget *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace fmc
