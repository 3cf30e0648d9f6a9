// The HTML template of the report, generated at build time by report/build.mjs from
// report/src/ and the chart library in report/node_modules (see cmake/report.cmake).
#pragma once

#include <string_view>

namespace tumen::output::detail {

std::string_view report_template();

}  // namespace tumen::output::detail
