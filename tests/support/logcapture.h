#pragma once

// A message handler that keeps every log line of the process, from whichever thread logged it,
// for the suites that scan the console's logs for secrets (with tests/support/secretscan.h).

#include <QString>

namespace fmc::test {

//! Every message of every category, "category: text".
class LogCapture
{
public:
    static void install();
    static void uninstall();
    //! Every level of every `fmc.*` category on (with \a everything, Qt's own client-side
    //! categories too), whatever QT_LOGGING_RULES says: ctest sets `*.debug=false`, and
    //! environment rules beat QLoggingCategory::setFilterRules(), so a scan relying on those
    //! would see no debug line.
    static void enableAllLevels(bool everything = false);
    static QString text();
    static void clear();
    //! Also hand warnings (and \a category at any level) to the previous handler, so the test
    //! output still shows them.
    static void setEchoCategory(const char *category);
};

} // namespace fmc::test
