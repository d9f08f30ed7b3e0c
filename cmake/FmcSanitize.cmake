# Sanitizer and fuzzing instrumentation for the whole tree, for CI's sanitizer job and the fuzzers.
#
#   FMC_SANITIZE=ON        shorthand for FMC_SANITIZERS=address;undefined
#   FMC_SANITIZERS=<list>  e.g. "address;undefined" (what scripts/ci-sanitize.sh uses)
#   FMC_FUZZ=ON            clang only: also instrument every library for libFuzzer coverage
#                          (-fsanitize=fuzzer-no-link) and build the tests/fuzz targets
#
# UBSan findings abort (-fno-sanitize-recover) so a CTest suite goes red instead of printing a
# warning nobody reads. Use a separate build directory (scripts/ci-sanitize.sh uses build-asan).
set(FMC_SANITIZERS "" CACHE STRING "Sanitizers to build with, e.g. address;undefined")
option(FMC_FUZZ "Build the libFuzzer targets in tests/fuzz (clang, implies address;undefined)" OFF)

if(FMC_SANITIZE AND NOT FMC_SANITIZERS)
    set(FMC_SANITIZERS address undefined)
endif()
if(FMC_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "FMC_FUZZ needs clang (libFuzzer); configure with CXX=clang++")
    endif()
    if(NOT FMC_SANITIZERS)
        set(FMC_SANITIZERS address undefined)
    endif()
endif()

if(FMC_SANITIZERS)
    list(JOIN FMC_SANITIZERS "," _fmc_san)
    add_compile_options(-fsanitize=${_fmc_san} -fno-omit-frame-pointer)
    add_link_options(-fsanitize=${_fmc_san})
    if("undefined" IN_LIST FMC_SANITIZERS)
        add_compile_options(-fno-sanitize-recover=undefined)
    endif()
    message(STATUS "FMC: sanitizers ${_fmc_san}")
endif()
if(FMC_FUZZ)
    # Coverage counters in the libraries too, so the fuzzers see the decoders' branches.
    add_compile_options(-fsanitize=fuzzer-no-link)
    message(STATUS "FMC: libFuzzer instrumentation on")
endif()
