// Pre-parse checks on scenario text (see detail/text_guard.hpp).
#include "tumen/scenario/detail/text_guard.hpp"

#include <fmt/format.h>

namespace tumen::scenario::detail {

namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid (overlong forms,
// surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) { n = 3; lo = 0xA0; }
  else if (c >= 0xE1 && c <= 0xEC) n = 3;
  else if (c == 0xED) { n = 3; hi = 0x9F; }
  else if (c >= 0xEE && c <= 0xEF) n = 3;
  else if (c == 0xF0) { n = 4; lo = 0x90; }
  else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else if (c == 0xF4) { n = 4; hi = 0x8F; }
  else return 0;
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

}  // namespace

bool check_text(std::string_view text, const std::string& source_name, const std::string& key_path,
                diagnostics& out) {
  if (text.size() > max_text_bytes) {
    out.error({source_name, 0, 0}, key_path,
              fmt::format("the text is {} bytes long; scenarios are limited to {} bytes",
                          text.size(), max_text_bytes));
    return false;
  }
  // One pass: UTF-8 validity, control characters, and bracket depth outside strings/comments.
  int line = 1, column = 1;
  int depth = 0;
  enum class in { code, comment, basic, literal, ml_basic, ml_literal } state = in::code;
  bool escaped = false;  // the previous character in a basic string was a backslash
  std::size_t i = 0;
  const auto at = [&](std::size_t k, char c) { return k < text.size() && text[k] == c; };
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto n = utf8_length(text, i);
    if (n == 0) {
      out.error({source_name, line, column}, key_path,
                fmt::format("the text is not valid UTF-8 (byte 0x{:02X})", c),
                "a UTF-8 encoded TOML text");
      return false;
    }
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      out.error({source_name, line, column}, key_path,
                fmt::format("control character 0x{:02X} is not allowed in a scenario", c),
                "printable text; tabs and line breaks");
      return false;
    }
    switch (state) {
      case in::code:
        if (c == '#') state = in::comment;
        else if (c == '"') {
          if (at(i + 1, '"') && at(i + 2, '"')) { state = in::ml_basic; i += 2; column += 2; }
          else state = in::basic;
        } else if (c == '\'') {
          if (at(i + 1, '\'') && at(i + 2, '\'')) { state = in::ml_literal; i += 2; column += 2; }
          else state = in::literal;
        } else if (c == '[' || c == '{') {
          if (++depth > max_nesting) {
            out.error({source_name, line, column}, key_path,
                      fmt::format("arrays and inline tables are nested more than {} deep",
                                  max_nesting));
            return false;
          }
        } else if (c == ']' || c == '}') {
          if (depth > 0) --depth;
        }
        break;
      case in::comment:
        if (c == '\n') state = in::code;
        break;
      case in::basic:
        if (escaped) escaped = false;
        else if (c == '\\') escaped = true;
        else if (c == '"' || c == '\n') state = in::code;
        break;
      case in::literal:
        if (c == '\'' || c == '\n') state = in::code;
        break;
      case in::ml_basic:
        if (escaped) escaped = false;
        else if (c == '\\') escaped = true;
        else if (c == '"' && at(i + 1, '"') && at(i + 2, '"')) { state = in::code; i += 2; column += 2; }
        break;
      case in::ml_literal:
        if (c == '\'' && at(i + 1, '\'') && at(i + 2, '\'')) { state = in::code; i += 2; column += 2; }
        break;
    }
    if (i < text.size() && text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += n;
  }
  return true;
}

}  // namespace tumen::scenario::detail
