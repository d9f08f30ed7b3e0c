#pragma once

#include <QString>
#include <QUrl>

namespace fmc {

//! \brief A rich-text link to \a url with the words \a text, for a QLabel that opens external
//! links; empty unless \a url is an https page on learn.microsoft.com. The URLs come from our own
//! explanation table, never from the service, and this check keeps it that way.
QString learnLinkHtml(const QUrl &url, const QString &text);

} // namespace fmc
