// JSON text that can sit inside an HTML <script> element: every '<' written as \u003c (it only
// occurs inside strings, where the escape means the same), so neither "</script" nor "<!--" can
// end or confuse the element. The report and the workbench page embed their data this way.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace tumen::output::detail {

inline std::string script_safe_json(const nlohmann::json& j) {
  const std::string text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + text.size() / 64);
  for (char c : text) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

}  // namespace tumen::output::detail
