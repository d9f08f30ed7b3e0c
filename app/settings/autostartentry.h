#pragma once

#include <QString>

namespace fmc {

//! \brief The XDG autostart entry that starts the console in the tray at login
//! (`$XDG_CONFIG_HOME/autostart/fabric-mirroring-console.desktop`, per the XDG Autostart spec).
//!
//! Written and removed by the setting, never left behind by it: the file is the setting's state,
//! so isEnabled() reads the file rather than a flag that could disagree with it.
class AutostartEntry
{
public:
    //! \a executable: absolute path of the console to start (QCoreApplication::applicationFilePath()).
    explicit AutostartEntry(QString executable);

    static QString path();
    bool isEnabled() const;
    //! Writes or removes the entry; returns an error sentence, empty on success.
    QString setEnabled(bool enabled) const;
    //! The entry's text (for tests and for setEnabled()).
    QString contents() const;

private:
    QString m_executable;
};

} // namespace fmc
