#include "ui/editor/definitiondifftable.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QTableWidget>

namespace fmc {

// Side by side: line number and text of the left document, then of the right one. Removed
// lines are tinted red, added ones green (a tint over the palette's base, so it reads in a dark
// palette too), and each changed line number carries "−" or "+", so the colour is not the only sign.
QTableWidget *definitionDiffTable(const QList<DiffRow> &rows, const QString &leftTitle, const QString &rightTitle,
                                  QWidget *parent)
{
    auto *table = new QTableWidget(int(rows.size()), 4, parent);
    table->setObjectName(QStringLiteral("diffView"));
    table->setAccessibleName(QObject::tr("Changes to mirroring.json"));
    table->setHorizontalHeaderLabels({QString(), leftTitle, QString(), rightTitle});
    table->verticalHeader()->setVisible(false);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 4);
    const QColor removed(220, 40, 40, 60);
    const QColor added(30, 160, 60, 60);
    const auto cell = [&](int row, int column, const QString &text, const QColor &tint) {
        auto *item = new QTableWidgetItem(text);
        if (tint.isValid())
            item->setBackground(tint);
        if (column == 0 || column == 2)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, column, item);
    };
    for (int i = 0; i < rows.size(); ++i) {
        const DiffRow &row = rows.at(i);
        if (row.kind == DiffRow::Kind::Folded) {
            cell(i, 0, QString(), {});
            cell(i, 1, QObject::tr("⋯ %1 unchanged lines").arg(row.folded), {});
            table->setSpan(i, 1, 1, 3);
            table->item(i, 1)->setForeground(table->palette().color(QPalette::PlaceholderText));
            continue;
        }
        const bool same = row.kind == DiffRow::Kind::Same;
        const QColor oldTint = same || !row.oldLine ? QColor() : removed;
        const QColor newTint = same || !row.newLine ? QColor() : added;
        cell(i, 0, row.oldLine ? (same ? QString() : QStringLiteral("− ")) + QString::number(row.oldLine) : QString(),
             oldTint);
        cell(i, 1, row.oldText, oldTint);
        cell(i, 2, row.newLine ? (same ? QString() : QStringLiteral("+ ")) + QString::number(row.newLine) : QString(),
             newTint);
        cell(i, 3, row.newText, newTint);
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    return table;
}

} // namespace fmc
