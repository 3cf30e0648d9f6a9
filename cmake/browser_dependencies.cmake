# The third-party libraries of the browser engine's build (cmake/browser_engine.cmake): the
# header-only ones tumen's layers use, taken from the host's Debian packages. Adding the host's
# /usr/include to a WebAssembly build would pull glibc's headers in over emscripten's libc, so a
# folder of symbolic links to just those libraries' headers stands in for it, and each library
# becomes an interface target of the same name as the native build's (cmake/dependencies.cmake),
# so the layers' CMakeLists.txt files work unchanged.
#
# TUMEN_HOST_INCLUDE (given by cmake/workbench_engine.cmake) is the host folder holding them.
set(TUMEN_HOST_INCLUDE "/usr/include" CACHE PATH "host folder with fmt, toml++, nlohmann, boost, pcg")
set(tumen_links ${CMAKE_BINARY_DIR}/third_party_include)
file(MAKE_DIRECTORY ${tumen_links})
foreach(entry fmt toml++ nlohmann boost pcg_random.hpp pcg_extras.hpp pcg_uint128.hpp)
  if(NOT EXISTS ${TUMEN_HOST_INCLUDE}/${entry})
    message(FATAL_ERROR "browser engine: ${TUMEN_HOST_INCLUDE}/${entry} is missing "
                        "(scripts/install-deps.sh installs the packages that hold it)")
  endif()
  if(NOT EXISTS ${tumen_links}/${entry})
    file(CREATE_LINK ${TUMEN_HOST_INCLUDE}/${entry} ${tumen_links}/${entry} SYMBOLIC)
  endif()
endforeach()

function(tumen_header_library name)
  cmake_parse_arguments(ARG "" "" "DEFINITIONS" ${ARGN})
  add_library(${name} INTERFACE IMPORTED GLOBAL)
  target_include_directories(${name} SYSTEM INTERFACE ${tumen_links})
  target_compile_definitions(${name} INTERFACE ${ARG_DEFINITIONS})
endfunction()
tumen_header_library(fmt::fmt DEFINITIONS FMT_HEADER_ONLY=1)
tumen_header_library(tomlplusplus::tomlplusplus DEFINITIONS TOML_HEADER_ONLY=1)
tumen_header_library(nlohmann_json::nlohmann_json)
tumen_header_library(Boost::headers)
tumen_header_library(pcg)
