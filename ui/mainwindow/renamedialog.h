#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace fmc {

//! \brief Asks for a mirrored database's new name and description (the PATCH body).
//!
//! Save emits saveRequested(); the owner runs the call and reports with setBusy() and
//! showFailure(). A failure keeps the dialog open with everything typed, and says why.
class RenameDialog : public QDialog
{
    Q_OBJECT
public:
    RenameDialog(const QString &displayName, const QString &description, QWidget *parent = nullptr);

    QString displayName() const;
    QString description() const;
    //! While busy the fields and Save are disabled (Cancel stays, to cancel the call).
    void setBusy(bool busy);
    void showFailure(const QString &message);

Q_SIGNALS:
    void saveRequested();
    void cancelRequested();

public Q_SLOTS:
    void reject() override;

private:
    void validate();

    QLineEdit *m_name;
    QLineEdit *m_description;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
};

} // namespace fmc
