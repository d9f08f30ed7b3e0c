#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace fmc {

//! \brief The one extra question before a state-changing action on a production profile.
//!
//! Every action that changes the service (start, stop, delete, save or update a definition,
//! rename, re-sync, bulk actions, SQL endpoint refresh) goes through confirm(): when \a context's
//! window belongs to a production profile (ProfileDecorator), a window-modal question names the
//! profile and the action, and \a proceed runs only after "Yes"; otherwise \a proceed runs at
//! once. Never a nested event loop.
class ProductionGate
{
public:
    //! \a action is a short phrase, "Stop mirroring of 2 databases".
    static void confirm(QWidget *context, const QString &action, std::function<void()> proceed);
    //! objectName of the question box (tests find it by this).
    static QString boxName() { return QStringLiteral("productionConfirmation"); }
};

} // namespace fmc
