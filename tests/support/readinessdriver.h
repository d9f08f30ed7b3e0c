#pragma once

// Drives the readiness checklist that Start opens (ui/readiness/readinessdialog.h), for the
// suites that click Start: header-only, needs fmc_ui.

#include "app/readiness/readinesscheck.h"
#include "ui/readiness/readinessdialog.h"

#include <QApplication>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTest>

namespace fmc::test {

//! The readiness dialog that is the active modal window, once its checks have ended; null if
//! none appears within \a timeoutMs.
inline ReadinessDialog *finishedReadinessDialog(int timeoutMs = 10000)
{
    ReadinessDialog *dialog = nullptr;
    const bool ready = QTest::qWaitFor([&] {
        dialog = qobject_cast<ReadinessDialog *>(QApplication::activeModalWidget());
        return dialog && !dialog->readinessCheck()->isRunning();
    }, timeoutMs);
    return ready ? dialog : nullptr;
}

//! \brief Clicks Start in the readiness dialog Start opened, once its checks have ended, and
//! "Start anyway" in the extra confirmation when a check failed. False when there was no dialog,
//! no confirmation where one was due, or the dialog did not close.
inline bool startThroughReadiness(int timeoutMs = 10000)
{
    QPointer<ReadinessDialog> dialog = finishedReadinessDialog(timeoutMs);
    if (!dialog)
        return false;
    const bool passed = dialog->readinessCheck()->passed();
    QPointer<QWidget> owner = dialog->parentWidget() ? dialog->parentWidget()->window() : nullptr;
    auto *start = dialog->findChild<QPushButton *>(QStringLiteral("readinessStart"));
    if (!start || !start->isEnabled())
        return false;
    QTest::mouseClick(start, Qt::LeftButton);
    if (!passed) {
        QMessageBox *box = nullptr;
        if (!QTest::qWaitFor([&] {
                box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                return box && box->objectName() == QLatin1String("startAnywayConfirmation");
            }, timeoutMs))
            return false;
        box->button(QMessageBox::Yes)->click();
    }
    if (!QTest::qWaitFor([&] { return dialog.isNull() || !dialog->isVisible(); }, timeoutMs))
        return false;
    // As the window manager does when a dialog closes (offscreen has none): its window is active again.
    if (owner) {
        owner->activateWindow();
        return QTest::qWaitForWindowActive(owner);
    }
    return true;
}

} // namespace fmc::test
