#pragma once

#include <QList>
#include <QString>

class QAbstractItemModel;

namespace fmc {

//! \brief CSV (RFC 4180) of rows of a table model, for "Export" and "Copy" on the dashboard.
//!
//! Values are the raw ones (UnderlyingDataRole when the model gives it, else DisplayRole):
//! numbers without grouping or units, times in ISO 8601 UTC, so a spreadsheet can compute with
//! them. Fields with a comma, quote, CR or LF are quoted and quotes doubled; a field that starts
//! like a formula (= + - @) is prefixed with an apostrophe so a spreadsheet does not run it.
//! Lines end with CRLF, as the RFC says.
namespace TableCsv {

QString field(const QString &value);
//! The header line and \a rows (in that order) over \a columns (in that order).
QString toCsv(const QAbstractItemModel *model, const QList<int> &rows, const QList<int> &columns);

} // namespace TableCsv

} // namespace fmc
