// The report page: template plus document (see tumen/output/report_html.hpp).
#include "tumen/output/report_html.hpp"

#include "detail/report_template.hpp"
#include "detail/script_json.hpp"
#include "tumen/base/error.hpp"
#include "tumen/output/atomic_file.hpp"

namespace tumen::output {

namespace {

constexpr std::string_view data_marker = "__TUMEN_REPORT_DATA__";
constexpr std::string_view title_marker = "__TUMEN_REPORT_TITLE__";

std::string html_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::size_t marker_at(std::string_view page, std::string_view marker) {
  const auto at = page.find(marker);
  if (at == std::string_view::npos)
    throw tumen::runtime_error("the report template has no " + std::string(marker) +
                               " (a broken build)");
  return at;
}

}  // namespace

std::string_view report_page_template() {
  return detail::report_template();
}

std::string report_html(const nlohmann::json& doc) {
  std::string title = "tumen report";
  if (doc.contains("run") && doc["run"].contains("scenario") &&
      doc["run"]["scenario"].is_string() && !doc["run"]["scenario"].get<std::string>().empty())
    title = doc["run"]["scenario"].get<std::string>() + " — tumen report";
  // Both places are found in the template before anything is inserted, so text inside the
  // document that looks like a marker is never mistaken for one.
  const std::string_view tpl = detail::report_template();
  const auto t = marker_at(tpl, title_marker), d = marker_at(tpl, data_marker);
  if (t > d)
    throw tumen::runtime_error(
        "the report template has its data before its title (a broken build)");
  std::string page;
  const std::string data = detail::script_safe_json(doc);
  page.reserve(tpl.size() + data.size() + title.size());
  page.append(tpl.substr(0, t));
  page.append(html_text(title));
  page.append(tpl.substr(t + title_marker.size(), d - t - title_marker.size()));
  page.append(data);
  page.append(tpl.substr(d + data_marker.size()));
  return page;
}

void write_report_html(const std::filesystem::path& path, const nlohmann::json& doc) {
  write_file_atomically(path, report_html(doc));
}

}  // namespace tumen::output
