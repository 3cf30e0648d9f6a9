# Warnings for tumen's own code: on, and kept at zero. Third-party headers come in as SYSTEM
# includes (imported targets), so their warnings do not count against us.
add_library(tumen_warnings INTERFACE)
target_compile_options(tumen_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                                -Wold-style-cast -Wcast-align -Woverloaded-virtual
                                                -Wnull-dereference -Wimplicit-fallthrough)
# g++ 12 warns -Wmismatched-new-delete on every coroutine frame at -O0 (GCC bug 109224): false.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(tumen_warnings INTERFACE -Wno-mismatched-new-delete)
endif()
option(TUMEN_WERROR "Treat warnings in tumen's code as errors" OFF)
if(TUMEN_WERROR)
  target_compile_options(tumen_warnings INTERFACE -Werror)
endif()
