#include "tablecsv.h"

#include "models/csvfield.h"
#include "models/modelroles.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QStringList>

namespace fmc::TableCsv {

namespace {

QString text(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QDateTime:
        return value.toDateTime().toUTC().toString(Qt::ISODateWithMs);
    case QMetaType::Double:
    case QMetaType::Float:
        return QString::number(value.toDouble(), 'f', 3);
    default:
        return value.toString();
    }
}

} // namespace

QString field(const QString &value)
{
    return csvField(value);
}

QString toCsv(const QAbstractItemModel *model, const QList<int> &rows, const QList<int> &columns)
{
    QString out;
    QStringList line;
    for (int column : columns)
        line << field(model->headerData(column, Qt::Horizontal).toString());
    out += line.join(u',') + QStringLiteral("\r\n");
    for (int row : rows) {
        line.clear();
        for (int column : columns) {
            const QModelIndex index = model->index(row, column);
            QVariant value = index.data(UnderlyingDataRole);
            if (!value.isValid())
                value = index.data(Qt::DisplayRole);
            line << field(text(value));
        }
        out += line.join(u',') + QStringLiteral("\r\n");
    }
    return out;
}

} // namespace fmc::TableCsv
