#pragma once

class QMessageBox;

namespace fmc {

//! \brief Makes \a box show its text and informative text literally, with no link it could open.
//! QMessageBox guesses rich text for both and opens links with the desktop's URL handler; call
//! this after the last setText()/setInformativeText() of text that holds anything from the
//! service (names, error messages).
void showPlainText(QMessageBox *box);

} // namespace fmc
