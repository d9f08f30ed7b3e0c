#pragma once

#include <QList>
#include <QString>

class QAbstractItemModel;

namespace fmc {

//! \brief CSV (RFC 4180) of rows of a table model, for "Export" and "Copy" on the dashboard.
//!
//! Values are the raw ones (UnderlyingDataRole when the model gives it, else DisplayRole):
//! numbers without grouping or units, times in ISO 8601 UTC, so a spreadsheet can compute with
//! them. Each field goes through csvField() (quoting, formulas neutralised). Lines end with CRLF,
//! as the RFC says.
namespace TableCsv {

//! csvField(), under the name the dashboard's tests know.
QString field(const QString &value);
//! The header line and \a rows (in that order) over \a columns (in that order).
QString toCsv(const QAbstractItemModel *model, const QList<int> &rows, const QList<int> &columns);

} // namespace TableCsv

} // namespace fmc
