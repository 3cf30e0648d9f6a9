# TUMEN_SANITIZE=address,undefined | thread builds everything with that sanitizer.
# clang 14 cannot instrument coroutines with -fsanitize=function, so it is always left out.
set(TUMEN_SANITIZE "" CACHE STRING "Sanitizers to build with (e.g. address,undefined or thread)")
if(TUMEN_SANITIZE)
  add_compile_options(-fsanitize=${TUMEN_SANITIZE} -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${TUMEN_SANITIZE})
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    add_compile_options(-fno-sanitize=function)
  endif()
  if(TUMEN_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
endif()
# g++ 12 with -fsanitize=thread reports "potential null pointer dereference" inside std::string
# as inlined from CLI11's headers: a false positive of the instrumented code, so that one
# warning is off in ThreadSanitizer builds (it stays on everywhere else).
if(TUMEN_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND TARGET tumen_warnings)
  target_compile_options(tumen_warnings INTERFACE -Wno-null-dereference)
endif()
