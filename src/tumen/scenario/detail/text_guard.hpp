// Checks on raw scenario text before it reaches the TOML parser.
//
// toml++ 3.3.0 misbehaves on some inputs, and a scenario file may be anything a user points
// tumen at. So the reader first checks that the text is small enough, is valid UTF-8, holds no
// control characters TOML forbids anyway, and does not nest tables absurdly deep: arrays,
// inline tables and the parts of dotted keys (`a.b.c = 1`) all count, since toml++ recurses on
// each level. It also rejects, with a TOML syntax message, the valid UTF-8 that toml++ 3.3.0
// cannot take: a table header that does not start with a key ("[=", "[[[a]]]": an assertion,
// undefined behaviour without assertions), a bracket closed by the wrong kind ("a = [}", the
// same), and non-ASCII characters where toml++ asks whether they are whitespace (outside
// strings and comments, and after a backslash in a multi-line basic string), which is
// undefined for many of them. As in toml++, a quote inside a bare value (`x = 1"§"`) does not
// start a string. And a date that toml++ takes for the start of a date-time must go on with the
// hour ("1980-05-27T;", "2024-01-01 0#" assert). Each failure is one diagnostic at the
// offending line:col; the text is then not parsed at all.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "tumen/base/diagnostic.hpp"

namespace tumen::scenario::detail {

inline constexpr std::size_t max_text_bytes = 4 * 1024 * 1024;
inline constexpr int max_nesting = 32;

// What the checks found: `not_text` when the text is too long, not UTF-8 or holds control
// characters (never acceptable), `not_for_toml` when it is text but must not reach toml++
// (a --set value of that kind is simply a string, not TOML).
enum class text_verdict { ok, not_text, not_for_toml };

// Whether the text is safe to give to the TOML parser; unless ok, adds one error to `out`.
// `key_path` names what the text is (empty for a whole file, the key for a --set value).
text_verdict check_text(std::string_view text, const std::string& source_name,
                        const std::string& key_path, diagnostics& out);

}  // namespace tumen::scenario::detail
