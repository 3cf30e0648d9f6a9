# The browser engine's build: what the top-level CMakeLists.txt does instead of everything else
# when it is configured with emscripten's toolchain (cmake/workbench_engine.cmake starts that
# nested build). It compiles the layers a run needs (base, sim, random, stats, scenario, results,
# model, and of experiment and output only the files that need no threads, MPI, NLopt, SQLite or
# OpenSSL: each of those two layers' CMakeLists.txt names them under `if(EMSCRIPTEN)`) and links
# apps/engine into tumen_engine.js. No tests, benchmarks or examples: the engine is tested from
# the native build (tests/workbench/), against the native program.
#
# Same project, same layer files, same warnings (kept at zero, -Werror with TUMEN_WERROR);
# only the platform, the third-party headers (cmake/browser_dependencies.cmake) and the
# coroutine header (apps/engine/std_shim/) differ.
option(TUMEN_WERROR "Treat warnings in tumen's code as errors" OFF)
include(ccache)  # ccache takes em++ like any compiler: a rebuild from a warm cache takes seconds
include(warnings)
include(browser_dependencies)
include(layers)
# Every object with C++ exceptions: the scenario reader reports problems by exception, and the
# engine turns every exception into a JSON error instead of an abort.
add_compile_options(-fexceptions)
add_link_options(-fexceptions)
# em++'s JS optimiser, run when linking, needs Debian's acorn (the node on PATH may not find it).
set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
# What emscripten 3.1.6's libc++ (13) lacks, apps/engine/std_shim/ adds under the standard
# headers' names: <coroutine> (it has <experimental/coroutine> only, which clang 14 warns will go
# in LLVM 15: emscripten's library is the one to move, so that warning is off), std::bit_cast,
# and std::from_chars / std::to_chars for double.
include_directories(BEFORE SYSTEM ${PROJECT_SOURCE_DIR}/apps/engine/std_shim)
add_compile_options(-Wno-deprecated-experimental-coroutine)
add_subdirectory(src/tumen)
# The built-in scenarios are embedded as one raw string literal each (cmake/embed_scenarios.cmake);
# the largest is over the 65,536 bytes -Wpedantic asks of every compiler, and clang (unlike g++)
# says so. clang takes it: the warning is off for that generated file alone.
set_source_files_properties(${CMAKE_BINARY_DIR}/src/tumen/scenario/embedded_scenarios.cpp
  DIRECTORY src/tumen/scenario PROPERTIES COMPILE_OPTIONS -Wno-overlength-strings)
add_subdirectory(apps/engine)
