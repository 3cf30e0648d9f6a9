// libFuzzer target: reading a trace CSV back (tumen report --trace FILE) must never crash, hang
// or leak, whatever the file holds.
//
// The input is the text of a trace file. output::parse_trace_csv must return its rows or throw
// tumen::input_error with a located message (file:line); any other exception, and anything the
// sanitizers (address, undefined) or libFuzzer (timeouts, leaks, memory) report, is a finding.
// Every row it accepts must keep its times in order, as the report's replay relies on that.
//
//   scripts/fuzz.sh --runs 150000     # both targets: the scenario reader, then this one
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tumen/base/error.hpp"
#include "tumen/output/trace_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto rows = tumen::output::parse_trace_csv(text, "fuzz.csv");
    for (const auto& r : rows)
      if (!(r.queue_join <= r.service_start && r.service_start <= r.service_end))
        __builtin_trap();  // accepted a row whose times are out of order
  } catch (const tumen::input_error& e) {
    (void)e.problems().to_string();  // every message renders
  }
  return 0;
}
