#include "plaintext.h"

#include <QLabel>
#include <QMessageBox>

namespace fmc {

void showPlainText(QMessageBox *box)
{
    box->setTextFormat(Qt::PlainText);
    // The informative label has no setter of its own; Qt names it and makes links live.
    for (const char *name : {"qt_msgbox_label", "qt_msgbox_informativelabel"}) {
        if (auto *label = box->findChild<QLabel *>(QLatin1String(name))) {
            label->setTextFormat(Qt::PlainText);
            label->setOpenExternalLinks(false);
        }
    }
}

} // namespace fmc
