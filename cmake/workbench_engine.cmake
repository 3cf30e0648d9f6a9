# The workbench's engine: tumen_engine.js, the layers a run needs compiled to WebAssembly with
# Debian's emscripten, for `tumen workbench` (apps/tumen/cmd_workbench.cpp) to inline into its
# offline page. docs/workbench-engine.md describes the engine's functions.
#
# How: a nested build of this same source tree, configured with emscripten's CMake toolchain
# (ExternalProject, in BUILD/engine), which the top-level CMakeLists.txt turns into the engine's
# build only (cmake/browser_engine.cmake). Why that, not one em++ command over every source: the
# layers' own CMakeLists.txt files list what each layer compiles, so nothing is listed twice; the
# nested build compiles in parallel and again only what changed (a one-command em++ would rebuild
# all ~100 sources on every change); and the native targets stay as they are, each layer still one
# target. It is always rebuilt-checked (BUILD_ALWAYS): an unchanged tree costs one ninja no-op.
#
# TUMEN_WORKBENCH is ON when em++ is found, except in sanitizer builds (the engine is not theirs
# to test, and it would only lengthen them). With it OFF, `tumen workbench` says how to get it.
#
# Debian's emscripten ships its system libraries prebuilt (FROZEN_CACHE): EM_CACHE must not be
# set. Its JS optimiser needs Debian's acorn, hence NODE_PATH=/usr/share/nodejs for every em++.
find_program(TUMEN_EMXX em++)
set(tumen_workbench_default OFF)
if(TUMEN_EMXX AND NOT TUMEN_SANITIZE)
  set(tumen_workbench_default ON)
endif()
option(TUMEN_WORKBENCH "Build the browser engine of `tumen workbench` (needs emscripten)"
       ${tumen_workbench_default})
set(TUMEN_EMSCRIPTEN_TOOLCHAIN "/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake"
    CACHE FILEPATH "emscripten's CMake toolchain file")
set(TUMEN_ENGINE_JS ${CMAKE_BINARY_DIR}/engine/bin/tumen_engine.js CACHE INTERNAL "the engine")

if(TUMEN_WORKBENCH)
  if(NOT TUMEN_EMXX OR NOT EXISTS ${TUMEN_EMSCRIPTEN_TOOLCHAIN})
    message(FATAL_ERROR "TUMEN_WORKBENCH is ON but emscripten was not found (Debian: "
                        "apt-get install emscripten; or configure with -DTUMEN_WORKBENCH=OFF)")
  endif()
  include(ExternalProject)
  # The nested build runs beside the outer one's jobs: as many jobs as cores, not ninja's default
  # of two more.
  cmake_host_system_information(RESULT tumen_cores QUERY NUMBER_OF_LOGICAL_CORES)
  set(TUMEN_ENGINE_JOBS ${tumen_cores} CACHE STRING "parallel jobs of the engine's nested build")
  get_filename_component(tumen_host_include ${PCG_INCLUDE_DIR} ABSOLUTE)
  set(tumen_em_env ${CMAKE_COMMAND} -E env --unset=EM_CACHE NODE_PATH=/usr/share/nodejs)
  ExternalProject_Add(tumen_engine_wasm
    SOURCE_DIR ${PROJECT_SOURCE_DIR}
    BINARY_DIR ${CMAKE_BINARY_DIR}/engine
    CMAKE_COMMAND ${tumen_em_env} ${CMAKE_COMMAND}
    CMAKE_ARGS -DCMAKE_TOOLCHAIN_FILE=${TUMEN_EMSCRIPTEN_TOOLCHAIN}
               -DCMAKE_BUILD_TYPE=Release
               -DTUMEN_WERROR=${TUMEN_WERROR}
               -DTUMEN_HOST_INCLUDE=${tumen_host_include}
    BUILD_COMMAND ${tumen_em_env} ${CMAKE_COMMAND} --build <BINARY_DIR> -j ${TUMEN_ENGINE_JOBS}
    BUILD_BYPRODUCTS ${TUMEN_ENGINE_JS}
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON
    USES_TERMINAL_BUILD ON)
endif()
