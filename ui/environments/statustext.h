#pragma once

class QLabel;
class QString;

namespace fmc {

//! Shows \a text in \a label, in the theme's failure colour when \a error (the text says so too).
void showStatusText(QLabel *label, const QString &text, bool error);

} // namespace fmc
