// The report as one self-contained HTML file: the page template (built from report/ at build
// time, with the chart library, the page's script and its styles inlined, and compiled into the
// program) with the report document substituted into it. Opening the file needs nothing else:
// no network, no other files.
//
//   auto doc = tumen::output::report_document(input);
//   tumen::output::write_report_html("report.html", doc);
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace tumen::output {

// The page with `doc` in it. The document goes into a <script type="application/json"> block
// with every '<' written as \u003c, so no text in it (a scenario name holding "</script>") can
// end the block early.
std::string report_html(const nlohmann::json& doc);

// report_html() written atomically (see atomic_file.hpp). Throws tumen::runtime_error.
void write_report_html(const std::filesystem::path& path, const nlohmann::json& doc);

// The template compiled into the program (for tests and `tumen report --template`).
std::string_view report_page_template();

}  // namespace tumen::output
