# One approved-output test: run `tumen run ARGS -q --json ACTUAL`, then compare ACTUAL with
# APPROVED (tumen_approved check). ARGS is '|'-separated.
# cmake -DTUMEN=... -DCOMPARE=... -DARGS=a|b -DAPPROVED=... -DACTUAL=... -P run_approved.cmake
string(REPLACE "|" ";" args "${ARGS}")
file(REMOVE ${ACTUAL})
execute_process(COMMAND ${TUMEN} run ${args} -q --json ${ACTUAL}
                RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "tumen run ${args} failed (exit ${status}):\n${errors}")
endif()
execute_process(COMMAND ${COMPARE} check ${APPROVED} ${ACTUAL} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the output of `tumen run ${args}` differs from ${APPROVED}")
endif()
