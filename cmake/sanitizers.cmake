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
