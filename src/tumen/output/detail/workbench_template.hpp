// The HTML template of the workbench (`tumen workbench`), generated at build time by
// report/build.mjs from report/src/ and the chart library (see cmake/report.cmake). The page holds
// two placeholders that the command fills: `/*TUMEN_ENGINE*/`, inside the element
// <script type="text/plain" id="tumen-engine">, with the engine's script (tumen_engine.js), and
// `/*TUMEN_SCENARIO*/`, inside <script type="application/json" id="tumen-scenario">, with the
// scenario's text as a JSON string (with "</" written "<\/" so the element cannot end early).
#pragma once

#include <string_view>

namespace tumen::output::detail {

std::string_view workbench_template();

}  // namespace tumen::output::detail
