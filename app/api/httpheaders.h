#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace fmc {

//! The headers of one HTTP response, in the order QNetworkReply::rawHeaderPairs() gives them.
using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

} // namespace fmc
