# Precompiled headers for the libraries with many sources. A cold build of this tree is what CI
# pays for twice (gcc, then clang with the sanitizers), and most of each source's compile time is
# parsing the same Qt, standard library and nlohmann/json headers: one small request class
# preprocesses to about 180,000 lines. Each library precompiles only headers it already depends
# on, once per library, so nothing is shared between targets whose flags differ (clang refuses a
# precompiled header built with other macros). -DFMC_PCH=OFF builds without them, which is also
# how to check that every file includes what it uses.
option(FMC_PCH "Precompile the common Qt, standard library and JSON headers of each library" ON)

# Standard library and QtCore headers that nearly every source of every library includes.
set(FMC_PCH_CORE
    <algorithm> <array> <chrono> <functional> <memory> <optional> <utility> <vector>
    <QByteArray> <QDateTime> <QHash> <QList> <QObject> <QPointer> <QRegularExpression> <QSet>
    <QString> <QStringList> <QTimer> <QUrl> <QUrlQuery>)

# fmc_precompile_headers(<target> [<header>...]): FMC_PCH_CORE and the given headers.
function(fmc_precompile_headers target)
    if(FMC_PCH)
        target_precompile_headers(${target} PRIVATE ${FMC_PCH_CORE} ${ARGN})
    endif()
endfunction()
