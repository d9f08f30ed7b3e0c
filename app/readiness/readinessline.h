#pragma once

#include <QString>
#include <QUrl>

namespace fmc {

//! \brief One line of the readiness checklist: what was checked, how it came out, and what to do.
struct ReadinessLine
{
    //! The checks, in the order the checklist shows them.
    enum class Check { Status, Connection, Tables, Prerequisites };
    static constexpr int CheckCount = 4;

    enum class Outcome {
        Pending,   //!< not started yet
        Running,   //!< a call for it is under way
        Passed,
        Warning,   //!< does not block Start, but read it
        ToDo,      //!< cannot be checked from here: steps to go through on the source
        Failed,    //!< Start would be refused or would not replicate
        Cancelled, //!< the check was cancelled before this line ended
    };

    Check check = Check::Status;
    Outcome outcome = Outcome::Pending;
    QString summary;  //!< one sentence (may quote text from the service: show it as plain text)
    QString detail;   //!< more lines, e.g. the connection's errors or the tables left out
    QUrl link;        //!< a Learn page, when there is one
    QString copyText; //!< what the Copy button copies, empty for no button

    bool isDone() const { return outcome != Outcome::Pending && outcome != Outcome::Running; }
};

} // namespace fmc
