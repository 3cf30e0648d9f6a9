# TUMEN_SANITIZE=address,undefined | thread builds everything with that sanitizer.
# clang 14 cannot instrument coroutines with -fsanitize=function, so it is always left out.
# -O1 and line tables only (-g1), whatever the build type: what the sanitizers' reports need
# (file and line in every frame), at about half the compile time of -O2 -g (g++ 12, measured on
# apps/tumen/cmd_run.cpp: 36 s against 20 s), which keeps the test command's sanitizer builds short.
set(TUMEN_SANITIZE "" CACHE STRING "Sanitizers to build with (e.g. address,undefined or thread)")
if(TUMEN_SANITIZE)
  add_compile_options(-fsanitize=${TUMEN_SANITIZE} -fno-omit-frame-pointer -O1 -g1)
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
