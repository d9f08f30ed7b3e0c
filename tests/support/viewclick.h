#pragma once

#include <QAbstractItemView>
#include <QString>
#include <QTest>

namespace fmc::test {

//! \brief Clicks, with the mouse, the row of \a view whose \a column reads \a text (scrolled into
//! view first); false when no row does.
inline bool clickRowNamed(QAbstractItemView *view, int column, const QString &text)
{
    for (int r = 0; view && r < view->model()->rowCount(); ++r) {
        const QModelIndex index = view->model()->index(r, column);
        if (index.data().toString() == text) {
            view->scrollTo(index);
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
            return true;
        }
    }
    return false;
}

} // namespace fmc::test
