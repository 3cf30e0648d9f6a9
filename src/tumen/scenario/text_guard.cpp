// Pre-parse checks on scenario text (see detail/text_guard.hpp).
#include "tumen/scenario/detail/text_guard.hpp"

#include <vector>

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
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c == 0xE0) {
    n = 3;
    lo = 0xA0;
  } else if (c >= 0xE1 && c <= 0xEC)
    n = 3;
  else if (c == 0xED) {
    n = 3;
    hi = 0x9F;
  } else if (c >= 0xEE && c <= 0xEF)
    n = 3;
  else if (c == 0xF0) {
    n = 4;
    lo = 0x90;
  } else if (c >= 0xF1 && c <= 0xF3)
    n = 4;
  else if (c == 0xF4) {
    n = 4;
    hi = 0x8F;
  } else
    return 0;
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// In a value's place: characters that begin no bare value (strings, arrays, inline tables,
// terminators and spaces).
bool starts_non_bare(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c == '\'' || c == '[' ||
         c == '{' || c == ']' || c == '}' || c == ',' || c == '#';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Whether text begins with a date, YYYY-MM-DD.
bool is_date(std::string_view text) {
  if (text.size() < 10) return false;
  for (std::size_t k = 0; k < 10; ++k)
    if ((k == 4 || k == 7) ? text[k] != '-' : !is_digit(text[k])) return false;
  return true;
}

// Whether a bare value toml++ 3.3.0 may take for the date of a date-time with a space: ten
// characters not counting underscores, with '-' as the fifth and the eighth.
bool date_shaped(std::string_view value) {
  std::size_t n = 0;
  for (const char c : value) {
    if (c == '_') continue;
    if ((n == 4 || n == 7) && c != '-') return false;
    ++n;
  }
  return n == 10;
}

bool starts_key(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '"' || c == '\'';
}

// How a character is named in a message.
std::string shown(std::string_view text, std::size_t i) {
  if (i >= text.size()) return "the end of the text";
  const char c = text[i];
  if (c == '\n' || c == '\r') return "the end of the line";
  if (static_cast<unsigned char>(c) >= 0x80) {
    const auto n = utf8_length(text, i);
    return n == 0 ? "a byte that is not UTF-8" : fmt::format("'{}'", text.substr(i, n));
  }
  return fmt::format("'{}'", c);
}

// The number of '"' (or '\'') in a row at text[i], at most 5.
std::size_t run_of(std::string_view text, std::size_t i, char quote) {
  std::size_t k = 0;
  while (k < 5 && i + k < text.size() && text[i + k] == quote) ++k;
  return k;
}

}  // namespace

text_verdict check_text(std::string_view text, const std::string& source_name,
                        const std::string& key_path, diagnostics& out) {
  if (text.size() > max_text_bytes) {
    out.error({source_name, 0, 0}, key_path,
              fmt::format("the text is {} bytes long; scenarios are limited to {} bytes",
                          text.size(), max_text_bytes));
    return text_verdict::not_text;
  }
  // One pass: UTF-8 validity, control characters, and where TOML has keys, values, strings and
  // comments, enough to check nesting and the inputs toml++ 3.3.0 cannot take.
  int line = 1, column = 1;
  // `bare` is a value that is not a string, array or inline table (a number, date, boolean or
  // a malformed word): toml++ 3.3.0 reads it, quotes included, up to a value terminator, and
  // classifies every character it meets with a whitespace table that is undefined for many
  // non-ASCII characters (U+00A7 among them). In valid TOML only spaces and a terminator
  // (',', ']', '}', '#', a line break) can follow such a value, so the guard reads it the same way.
  enum class in { code, bare, comment, basic, literal, ml_basic, ml_literal } state = in::code;
  std::size_t bare_start = 0;  // where the bare value began
  bool escaped = false;        // the previous character in a basic string was a backslash
  bool skipping = false;       // after a line-ending backslash in a multi-line basic string
  // TOML reads a key at the start of a line outside arrays, in a [table] header, and after '{'
  // or ',' in an inline table, up to its '='. Every part of a dotted key is a table level, as is
  // every array or inline table; the last header's parts prefix the keys below it.
  struct opened {
    char bracket;
    int dots;  // parts (less one) of the key whose value this is
    int line, column;
  };
  std::vector<opened> open;
  int open_dots = 0;               // sum of open[].dots
  bool in_key = key_path.empty();  // a --set value starts as a value
  bool in_header = false;
  int key_dots = 0;      // in the key being read
  int pending_dots = 0;  // of the key whose value is being read
  int header_dots = 0;   // of the last [table] header
  const auto reject = [&](text_verdict verdict, std::string message, std::string valid) {
    out.error({source_name, line, column}, key_path, std::move(message), std::move(valid));
    return verdict;
  };
  const auto not_text = [&](std::string message, std::string valid) {
    return reject(text_verdict::not_text, std::move(message), std::move(valid));
  };
  const auto fail = [&](std::string message, std::string valid) {
    return reject(text_verdict::not_for_toml, std::move(message), std::move(valid));
  };
  const auto nesting = [&] {
    return static_cast<int>(open.size()) + open_dots + key_dots + (in_header ? 0 : header_dots);
  };
  const auto at = [&](std::size_t k, char c) { return k < text.size() && text[k] == c; };
  std::size_t i = 0;
  if (text.starts_with("\xEF\xBB\xBF")) i = 3;  // a byte order mark; toml++ skips it
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto n = utf8_length(text, i);
    if (n == 0)
      return not_text(fmt::format("the text is not valid UTF-8 (byte 0x{:02X})", c),
                      "a UTF-8 encoded TOML text");
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      return not_text(fmt::format("control character 0x{:02X} is not allowed in a scenario", c),
                      "printable text; tabs and line breaks");
    if (state == in::bare &&
        (c == ',' || c == ']' || c == '}' || c == '#' || c == '\n' || c == '\r'))
      state = in::code;  // the terminator is read as code below
    switch (state) {
      case in::bare:
      case in::code:
        if (c >= 0x80)
          return fail(fmt::format("TOML syntax: {} outside a string or comment", shown(text, i)),
                      "keys and values in ASCII; other text in quotes, e.g. name = \"Хасан\"");
        if (state == in::bare) {
          // toml++ 3.3.0 asserts (undefined behaviour without assertions) when a date and 'T'
          // are not followed by a digit ("1980-05-27T;7:32:00Z"): it has taken the value for a
          // date-time and expects the hour.
          if ((c == 'T' || c == 't') && i == bare_start + 10 && is_date(text.substr(bare_start)) &&
              !(i + 1 < text.size() && is_digit(text[i + 1]))) {
            ++column;  // at the character after the 'T'
            return fail(fmt::format("TOML syntax: expected the time (HH:MM:SS) after '{}', saw {}",
                                    static_cast<char>(c), shown(text, i + 1)),
                        "a date-time such as 2026-05-01T08:00:00, or a date such as 2026-05-01");
          }
          // Likewise after ten characters shaped like a date, a space and a digit: toml++ reads
          // on for the time and asserts when a terminator follows ("2024-01-01 0#").
          if (c == ' ' && date_shaped(text.substr(bare_start, i - bare_start)) &&
              i + 1 < text.size() && is_digit(text[i + 1]) &&
              (i + 2 >= text.size() || !is_digit(text[i + 2]))) {
            column += 2;  // at the character after the digit
            return fail(fmt::format("TOML syntax: expected the time (HH:MM:SS) after the date and "
                                    "space, saw {} after '{}'",
                                    shown(text, i + 2), text[i + 1]),
                        "a date-time such as 2026-05-01 08:00:00, or a date such as 2026-05-01");
          }
          break;
        }
        if (!in_key && !in_header && !starts_non_bare(static_cast<char>(c))) {
          state = in::bare;
          bare_start = i;
        } else if (c == '#') {
          state = in::comment;
        } else if (c == '"') {
          if (at(i + 1, '"') && at(i + 2, '"')) {
            state = in::ml_basic;
            i += 2;
            column += 2;
          } else
            state = in::basic;
        } else if (c == '\'') {
          if (at(i + 1, '\'') && at(i + 2, '\'')) {
            state = in::ml_literal;
            i += 2;
            column += 2;
          } else
            state = in::literal;
        } else if (c == '[' || c == '{') {
          const bool header = c == '[' && in_key && (open.empty() || in_header);
          if (header && !in_header) {
            // toml++ 3.3.0 asserts (undefined behaviour without assertions) when a header does
            // not start with a key: "[=", "[[[a]]]", "[ {".
            std::size_t k = i + 1;
            bool space = false;
            while (at(k, ' ') || at(k, '\t')) {
              ++k;
              space = true;
            }
            if (at(k, '[') && !space)
              for (++k; at(k, ' ') || at(k, '\t');) ++k;
            if (k < text.size() && text[k] != ']' && !starts_key(text[k])) {
              column += static_cast<int>(k - i);  // only ASCII was skipped
              return fail(fmt::format("TOML syntax: expected a table name after '[', saw {}",
                                      shown(text, k)),
                          "[name] or [[name]], e.g. [stages.ru_customs] or [[demand]]");
            }
            in_header = true;
            header_dots = 0;
            key_dots = 0;
          }
          open.push_back({static_cast<char>(c), header ? 0 : pending_dots, line, column});
          open_dots += open.back().dots;
          pending_dots = 0;
          if (static_cast<int>(open.size()) > max_nesting)
            return fail(
                fmt::format("arrays and inline tables are nested more than {} deep", max_nesting),
                "flatter data; scenarios need a few levels");
          if (!header) {
            in_key = c == '{';
            key_dots = 0;
          }
        } else if (c == ']' || c == '}') {
          // toml++ 3.3.0 asserts on "[}" (a '}' where an array expects a value).
          if (!open.empty() && (open.back().bracket == '[') != (c == ']'))
            return fail(fmt::format("TOML syntax: '{}' does not close the '{}' at {}:{}",
                                    static_cast<char>(c), open.back().bracket, open.back().line,
                                    open.back().column),
                        "'[' closed by ']' and '{' by '}'");
          if (!open.empty()) {
            open_dots -= open.back().dots;
            open.pop_back();
          }
          if (in_header && open.empty()) {
            in_header = false;
            header_dots = key_dots;
          }
          in_key = false;
          key_dots = 0;
        } else if (c == ',') {
          in_key = !open.empty() && open.back().bracket == '{' && !in_header;
          key_dots = 0;
          pending_dots = 0;
        } else if (c == '=' && in_key && !in_header) {
          pending_dots = key_dots;
          key_dots = 0;
          in_key = false;
        } else if (c == '.' && in_key) {
          ++key_dots;
          if (nesting() > max_nesting)
            return fail(fmt::format("tables are nested more than {} deep (each part of a dotted "
                                    "key is a level)",
                                    max_nesting),
                        "keys of a few parts, e.g. [stages.ru_customs] with lanes = 3");
        }
        break;
      case in::comment:
        if (c == '\n') state = in::code;
        break;
      case in::basic:
        if (escaped)
          escaped = false;
        else if (c == '\\')
          escaped = true;
        else if (c == '"' || c == '\n')
          state = in::code;
        break;
      case in::literal:
        if (c == '\'' || c == '\n') state = in::code;
        break;
      case in::ml_basic: {
        // toml++ 3.3.0 classifies the character after a backslash, and the first one after a
        // line-ending backslash, with a whitespace table that is undefined for many non-ASCII
        // characters (U+00A7 among them).
        const auto fault = [&] {
          return fail(fmt::format("TOML syntax: {} cannot follow a backslash and line break in a "
                                  "multi-line string here",
                                  shown(text, i)),
                      "an ASCII character first, or no line-ending backslash");
        };
        if (skipping) {
          if (is_space(c)) break;
          skipping = false;
          if (c >= 0x80) return fault();
        }
        if (escaped) {
          escaped = false;
          if (c >= 0x80) return fault();
          skipping = is_space(c);
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          // """ ends the string; up to two more quotes belong to it.
          const auto k = run_of(text, i, '"');
          if (k >= 3) state = in::code;
          i += k - 1;
          column += static_cast<int>(k - 1);
        }
        break;
      }
      case in::ml_literal:
        if (c == '\'') {
          const auto k = run_of(text, i, '\'');
          if (k >= 3) state = in::code;
          i += k - 1;
          column += static_cast<int>(k - 1);
        }
        break;
    }
    if (i < text.size() && text[i] == '\n') {
      ++line;
      column = 1;
      if (state == in::code) {
        if (in_header) {  // a header ends with its line (toml++ reports the missing ']')
          in_header = false;
          open.clear();
          open_dots = 0;
        }
        if (open.empty()) {
          in_key = true;
          key_dots = 0;
          pending_dots = 0;
        }
      }
    } else {
      ++column;
    }
    i += n;
  }
  return text_verdict::ok;
}

}  // namespace tumen::scenario::detail
