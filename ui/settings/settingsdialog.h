#pragma once

#include "app/settings/consolesettings.h"

#include <QDialog>
#include <QHash>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace fmc {

//! \brief Edits the ConsoleSettings: endpoints, tenant, client id, refresh interval and table
//! limit. Each field shows why its value is refused right under it, and OK stays disabled while
//! any value is invalid, so that an unusable configuration can never be saved.
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

    ConsoleSettings m_input;
    QLineEdit *m_apiUrl = nullptr;
    QLineEdit *m_authority = nullptr;
    QLineEdit *m_tenant = nullptr;
    QLineEdit *m_clientId = nullptr;
    QSpinBox *m_refresh = nullptr;
    QSpinBox *m_tableLimit = nullptr;
    QLabel *m_note = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QFormLayout *m_form = nullptr;
    QHash<QLineEdit *, QLabel *> m_errors; //!< each line field's inline message
};

} // namespace fmc
