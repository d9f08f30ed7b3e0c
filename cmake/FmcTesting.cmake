# fmc_add_test(<name> SOURCES <files...> [LIBS <targets...>] [TIMEOUT <s>] [LABELS <labels...>]
#               [WRAPPER <script>])
#
# One Qt Test executable per suite, registered with CTest and run offscreen (or by WRAPPER, given
# the executable's path and arguments: a suite that needs a display of its own). FMC_SPEC_DIR points
# at the official Fabric OpenAPI files and examples that tests parse (tests/data/fabric-api-spec).
# Test code (the suites and tests/support) builds without optimisation, unless
# FMC_OPTIMISE_TESTS: it waits on sockets and event loops, its speed is not what is measured, and
# -O0 halves the compile time of a suite, which CI pays twice on every run (gcc, then clang
# with the sanitizers). What the suites test, the libraries, keeps the build type's flags.
option(FMC_OPTIMISE_TESTS "Build the test suites and their support code with the build type's optimisation" OFF)
function(fmc_test_code target)
    if(NOT FMC_OPTIMISE_TESTS)
        target_compile_options(${target} PRIVATE -O0)
    endif()
endfunction()

function(fmc_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT;WRAPPER" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    fmc_test_code(${name})
    target_compile_definitions(${name} PRIVATE
        FMC_SPEC_DIR="${PROJECT_SOURCE_DIR}/tests/data/fabric-api-spec"
        FMC_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
    if(ARG_WRAPPER)
        add_test(NAME ${name} COMMAND ${ARG_WRAPPER} $<TARGET_FILE:${name}>)
    else()
        add_test(NAME ${name} COMMAND ${name})
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=*.debug=false;LC_ALL=C.UTF-8")
endfunction()
