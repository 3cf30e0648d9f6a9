# Use ccache when it is installed. pcg's headers use __DATE__/__TIME__, so the cache must be
# told those macros do not matter or nothing that includes pcg would ever be cached.
find_program(TUMEN_CCACHE ccache)
if(TUMEN_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env CCACHE_SLOPPINESS=time_macros ${TUMEN_CCACHE})
endif()
