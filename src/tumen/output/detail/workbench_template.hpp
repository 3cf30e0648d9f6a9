// The HTML template of the workbench page, generated at build time by report/build.mjs from
// report/src/workbench.* (see cmake/report.cmake), or, in a tree without that page yet, the
// stand-in page of src/tumen/output/workbench_placeholder.cpp. It holds the placeholders
// /*TUMEN_ENGINE*/ and /*TUMEN_SCENARIO*/ once each (tumen/output/workbench_html.hpp).
#pragma once

#include <string_view>

namespace tumen::output::detail {

std::string_view workbench_template();

}  // namespace tumen::output::detail
