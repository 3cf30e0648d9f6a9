// The workbench page with its engine and scenario filled in (see tumen/output/workbench_html.hpp).
#include "tumen/output/workbench_html.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "detail/script_json.hpp"
#include "detail/workbench_template.hpp"
#include "tumen/base/error.hpp"
#include "tumen/output/atomic_file.hpp"

namespace tumen::output {

namespace {

constexpr std::string_view engine_marker = "/*TUMEN_ENGINE*/";
constexpr std::string_view scenario_marker = "/*TUMEN_SCENARIO*/";

bool contains_nocase(std::string_view text, std::string_view what) {
  const auto it =
      std::search(text.begin(), text.end(), what.begin(), what.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
      });
  return it != text.end();
}

std::size_t marker_at(std::string_view page, std::string_view marker) {
  const auto at = page.find(marker);
  if (at == std::string_view::npos || page.find(marker, at + 1) != std::string_view::npos)
    throw tumen::runtime_error("the workbench template must hold " + std::string(marker) +
                               " exactly once (a broken build)");
  return at;
}

}  // namespace

std::string_view workbench_page_template() {
  return detail::workbench_template();
}

std::string workbench_html(std::string_view page_template, std::string_view engine_js,
                           const workbench_start& start) {
  // A script element's text ends at the first "</script" whatever the type; "<!--" can make the
  // parser look for a second one. The engine is compiled code: neither is ever expected in it.
  for (std::string_view bad : {"</script", "<!--"})
    if (contains_nocase(engine_js, bad))
      throw tumen::runtime_error("the workbench engine holds the text " + std::string(bad) +
                                 " and cannot be inlined into the page (a broken build)");
  // Both places are found in the template before anything is inserted.
  const auto e = marker_at(page_template, engine_marker);
  const auto s = marker_at(page_template, scenario_marker);
  const std::string scenario = detail::script_safe_json(start.text);
  nlohmann::json start_json = {
      {"source_name", start.source_name},
      {"variant", start.variant ? nlohmann::json(*start.variant) : nlohmann::json(nullptr)},
      {"set", start.sets}};
  // The start element goes right after the scenario's (or at the end, if that is not closed).
  const auto close = page_template.find("</script>", s);
  const auto start_at = close == std::string_view::npos ? page_template.size() : close + 9;
  const std::string start_element = "\n<script type=\"application/json\" id=\"tumen-start\">" +
                                    detail::script_safe_json(start_json) + "</script>";

  struct piece {
    std::size_t at, length;
    std::string_view text;
  };
  std::vector<piece> pieces = {{e, engine_marker.size(), engine_js},
                               {s, scenario_marker.size(), scenario},
                               {start_at, 0, start_element}};
  std::sort(pieces.begin(), pieces.end(),
            [](const piece& a, const piece& b) { return a.at < b.at; });
  std::string page;
  page.reserve(page_template.size() + engine_js.size() + scenario.size() + start_element.size());
  std::size_t from = 0;
  for (const auto& p : pieces) {
    page.append(page_template.substr(from, p.at - from));
    page.append(p.text);
    from = p.at + p.length;
  }
  page.append(page_template.substr(from));
  return page;
}

void write_workbench_html(const std::filesystem::path& path, std::string_view engine_js,
                          const workbench_start& start) {
  write_file_atomically(path, workbench_html(detail::workbench_template(), engine_js, start));
}

}  // namespace tumen::output
