#include "ui/profiles/productiongate.h"

#include "models/displaytext.h"
#include "ui/plaintext.h"
#include "ui/profiles/profiledecorator.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

namespace fmc {

void ProductionGate::confirm(QWidget *context, const QString &action, std::function<void()> proceed)
{
    const std::optional<Profile> profile = ProfileDecorator::profileOf(context);
    if (!profile || !profile->production) {
        proceed();
        return;
    }
    const auto tr = [](const char *text) { return QCoreApplication::translate("fmc::ProductionGate", text); };
    const QString label = displayText(profile->displayLabel(), 40);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Production profile"),
                                tr("%1\n\nThis acts on the production profile \u201c%2\u201d (%3).")
                                    .arg(action, displayText(profile->name, 80), label),
                                QMessageBox::Yes | QMessageBox::Cancel, context ? context->window() : nullptr);
    box->setObjectName(boxName());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->button(QMessageBox::Yes)->setText(tr("Yes, in %1").arg(label));
    box->setDefaultButton(QMessageBox::Cancel); // Enter alone never reaches production
    showPlainText(box);
    QPointer<QWidget> guard(context);
    QObject::connect(box, &QMessageBox::finished, box, [box, guard, proceed = std::move(proceed)](int) {
        if (guard && box->clickedButton() == box->button(QMessageBox::Yes))
            proceed();
    });
    box->open();
}

} // namespace fmc
