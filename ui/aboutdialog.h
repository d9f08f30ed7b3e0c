#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QIcon;

namespace fmc {

//! \brief Help ▸ About: the console's version, the Qt it runs on, and the version and licence of
//! every component it is built from.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    //! One component the console ships or links, the version in use (run-time where the library
    //! can say, else the one built against) and the licence (SPDX id) it is used under.
    struct Component {
        QString name;
        QString version;
        QString licence;
        QString url;
    };

    explicit AboutDialog(QWidget *parent = nullptr);

    //! The components listed in the dialog, in display order.
    static QList<Component> components();

    //! The application icon, compiled into the executable (resources/icons/).
    static QIcon applicationIcon();

    //! Opens a window-modal About dialog over \a parent without blocking; it deletes itself on close.
    static AboutDialog *openFor(QWidget *parent);
};

} // namespace fmc
