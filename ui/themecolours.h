#pragma once

#include <QColor>
#include <QPalette>

namespace fmc {

//! \brief Colours with a meaning (failed, warning, fine, an alert row, diff lines), chosen for the
//! palette they are drawn on: dark shades on a light window, light shades on a dark one, so that
//! the desktop's dark palette keeps them readable. Derive every custom colour from here or from
//! the widget's palette(), never a fixed light-theme colour.
namespace ThemeColours {

enum class Meaning {
    Failed,            //!< text: a failure
    Warning,           //!< text: a warning
    Fine,              //!< text: running fine
    AlertBackground,   //!< background of a row an alert was raised for
    AlertText,         //!< text on AlertBackground
    AddedBackground,   //!< background of an added line in a diff
    RemovedBackground, //!< background of a removed line in a diff
};

//! Whether \a palette is a dark one (its window colour is darker than mid-grey).
bool isDark(const QPalette &palette);
//! The colour of \a meaning on \a palette.
QColor colour(Meaning meaning, const QPalette &palette);
inline QColor failed(const QPalette &palette)
{
    return colour(Meaning::Failed, palette);
}
inline QColor warning(const QPalette &palette)
{
    return colour(Meaning::Warning, palette);
}
//! Text that matters less (waiting, not running): between the window's text and its background.
QColor muted(const QPalette &palette);

} // namespace ThemeColours

} // namespace fmc
