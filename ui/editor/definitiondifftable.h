#pragma once

#include "models/definitiondiff.h"

#include <QList>
#include <QString>

class QTableWidget;
class QWidget;

namespace fmc {

//! \brief The side-by-side view of DefinitionDiff rows: line numbers and text of each side under
//! \a leftTitle and \a rightTitle, removed lines tinted red and added ones green, each changed
//! line number marked "−" or "+" so colour is not the only sign. Used before Apply and by Compare.
QTableWidget *definitionDiffTable(const QList<DiffRow> &rows, const QString &leftTitle, const QString &rightTitle,
                                  QWidget *parent);

} // namespace fmc
