#include "tablecsv.h"

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
    QString out = value;
    // A cell starting with = + - @ is a formula to spreadsheets (CSV injection); a number's own
    // minus sign is kept, since that is data.
    if (!out.isEmpty() && QStringLiteral("=+-@").contains(out.front())) {
        bool isNumber = false;
        out.toDouble(&isNumber);
        if (!isNumber)
            out.prepend(u'\'');
    }
    if (out.contains(u',') || out.contains(u'"') || out.contains(u'\n') || out.contains(u'\r')) {
        out.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return u'"' + out + u'"';
    }
    return out;
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
