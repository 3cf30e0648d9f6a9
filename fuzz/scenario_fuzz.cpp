// libFuzzer target: reading and validating a scenario must never crash, hang or leak.
//
// The input is the text of a scenario file. Comment lines of two special forms also drive the
// command-line paths through the same reader, so one corpus covers both:
//
//   #@set key.path=value     an override, as given to `tumen run --set`
//   #@variant NAME           a [variants.NAME] to apply, as given to `--variant`
//
// Whatever the bytes, the reader must return diagnostics (or a model): every exception other
// than tumen::input_error from parse_override is a finding, and so is anything the sanitizers
// (address, undefined) or libFuzzer (timeouts, leaks, memory) report. toml++ is compiled
// header-only into this target (see fuzz/CMakeLists.txt), so the parser itself is instrumented.
//
//   scripts/fuzz.sh 600      # build into build-fuzz/ and fuzz for ten minutes
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/base/error.hpp"
#include "tumen/scenario/reader.hpp"

namespace {

constexpr std::string_view set_marker = "#@set ";
constexpr std::string_view variant_marker = "#@variant ";

struct command_line {
  std::vector<tumen::scenario::override_spec> overrides;
  std::optional<std::string> variant;
};

// The #@set and #@variant lines of the text, as the CLI would pass them on.
command_line command_line_of(std::string_view text) {
  command_line out;
  std::size_t from = 0;
  while (from < text.size()) {
    auto end = text.find('\n', from);
    if (end == std::string_view::npos) end = text.size();
    const auto line = text.substr(from, end - from);
    if (line.starts_with(set_marker)) {
      try {
        out.overrides.push_back(tumen::scenario::parse_override(line.substr(set_marker.size())));
      } catch (const tumen::input_error& e) {
        (void)e.problems().to_string();  // a bad --set is reported, never thrown further
      }
    } else if (line.starts_with(variant_marker)) {
      out.variant = std::string(line.substr(variant_marker.size()));
    }
    from = end + 1;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto cl = command_line_of(text);
  const auto reading = tumen::scenario::read(text, "fuzz.toml", cl.overrides, cl.variant);
  // Rendering every diagnostic touches every message, key path and location.
  (void)reading.problems.to_string();
  if (reading.model && reading.problems.has_errors())
    __builtin_trap();  // a model only without errors
  (void)tumen::scenario::variant_names(text, "fuzz.toml");
  return 0;
}
