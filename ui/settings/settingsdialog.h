#pragma once

#include "app/settings/consolesettings.h"

#include <QDialog>
#include <QHash>

class QDialogButtonBox;
class QGridLayout;
class QLabel;
class QLineEdit;

namespace fmc {

class WholeNumberSpinBox;

//! \brief Edits the ConsoleSettings: endpoints, tenant, client id, refresh interval and table
//! limit. Each field shows why its value is refused in a row of its own right under it (the dialog
//! grows to show it whole), and OK stays disabled while any value is invalid, so that an unusable
//! configuration can never be saved. A number is never changed behind the user's back: what is
//! typed stays, and is refused with the reason when it is not a whole number in range.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const ConsoleSettings &settings, QWidget *parent = nullptr);

    //! The edited values (fields this dialog does not show are kept from the input).
    ConsoleSettings settings() const;
    //! True when every field is valid (OK is enabled).
    bool isValid() const;
    //! A line above the buttons, e.g. which values the command line overrides for this run.
    void setNote(const QString &note);

private:
    void revalidate();
    void restoreDefaults();
    QLineEdit *addLineField(const QString &label, const QString &name, const QString &placeholder);
    //! Adds \a field in a row with \a label, and its error message in the row under it.
    void addRow(const QString &label, QWidget *field, const QString &name);
    //! Makes the dialog tall enough for every row, error messages included.
    void growToFit();

    ConsoleSettings m_input;
    QLineEdit *m_apiUrl = nullptr;
    QLineEdit *m_authority = nullptr;
    QLineEdit *m_tenant = nullptr;
    QLineEdit *m_clientId = nullptr;
    WholeNumberSpinBox *m_refresh = nullptr;
    WholeNumberSpinBox *m_tableLimit = nullptr;
    WholeNumberSpinBox *m_sqlEndpointTimeout = nullptr;
    QLabel *m_note = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QGridLayout *m_form = nullptr;
    QHash<QWidget *, QLabel *> m_errors; //!< each field's inline message
};

} // namespace fmc
