# CPack pre-build script: strips the staged executables as Debian's dh_strip does
# (debug symbols and the .comment/.note sections go), so that lintian finds nothing to say.
file(GLOB_RECURSE executables LIST_DIRECTORIES false "${CPACK_TEMPORARY_DIRECTORY}/usr/bin/*")
if(NOT executables)
    message(FATAL_ERROR "strip-binaries: no executables under ${CPACK_TEMPORARY_DIRECTORY}/usr/bin")
endif()
foreach(executable IN LISTS executables)
    execute_process(
        COMMAND ${CPACK_FMC_STRIP} --remove-section=.comment --remove-section=.note --strip-unneeded ${executable}
        RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "strip-binaries: ${CPACK_FMC_STRIP} failed on ${executable}")
    endif()
endforeach()
