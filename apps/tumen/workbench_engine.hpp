// The workbench's engine, compiled into the program: tumen_engine.js (docs/workbench-engine.md),
// embedded by cmake/embed_engine.cmake. Empty when tumen was built without it
// (-DTUMEN_WORKBENCH=OFF, or no emscripten).
#pragma once

#include <string_view>

namespace tumen::app {

std::string_view workbench_engine_js();

}  // namespace tumen::app
