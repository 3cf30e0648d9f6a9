// The workbench as one self-contained HTML file (`tumen workbench`, issue 16): the page template
// (report/src/workbench.*, built into the program like the report's) with the browser engine's
// script and the initial scenario filled in. The page runs tumen itself, in a Web Worker made
// from the engine's text, so it needs no network and no other file, and works from file://.
//
//   tumen::output::workbench_start start{text, "khasan-tumangang.toml", "booking", {}};
//   tumen::output::write_workbench_html("workbench.html", engine_js, start);
//
// What goes in:
//   /*TUMEN_ENGINE*/     the engine's JavaScript (tumen_engine.js), as the text of
//                        <script type="text/plain" id="tumen-engine">; it is refused if it holds
//                        text that would end or upset that element ("</script", "<!--")
//   /*TUMEN_SCENARIO*/   the scenario text, a JSON string in
//                        <script type="application/json" id="tumen-scenario">
//   and, right after that element, <script type="application/json" id="tumen-start"> with
//   {"source_name": …, "variant": … | null, "set": [ … ]}: where the text came from and the
//   variant and overrides to start with.
// Every '<' in the JSON is written \u003c, so no scenario text can end its element early.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tumen::output {

struct workbench_start {
  std::string text;                    // the scenario's TOML text
  std::string source_name;             // the file name it came from ("<name>.toml" for a built-in)
  std::optional<std::string> variant;  // the [variants.NAME] chosen at the start
  std::vector<std::string> sets;       // "key.path=value" overrides at the start
};

// The page. Throws tumen::runtime_error when the template lacks a placeholder or the engine's
// text cannot be inlined safely (a broken build, either way).
std::string workbench_html(std::string_view page_template, std::string_view engine_js,
                           const workbench_start& start);

// workbench_html() of the template compiled into the program, written atomically
// (atomic_file.hpp). Throws tumen::runtime_error.
void write_workbench_html(const std::filesystem::path& path, std::string_view engine_js,
                          const workbench_start& start);

// The template compiled into the program.
std::string_view workbench_page_template();

}  // namespace tumen::output
