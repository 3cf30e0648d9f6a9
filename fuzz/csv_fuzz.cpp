// libFuzzer target: the CSV parser (tumen::parse_csv, the hourly tables of a scenario and other
// CSV inputs) must never crash, hang or leak, whatever the text holds.
//
// The input is the text of a CSV file. parse_csv must return a document or throw
// tumen::input_error whose every problem is located (line and column ≥ 1); any other exception,
// and anything the sanitizers (address, undefined) or libFuzzer (timeouts, leaks, memory) report,
// is a finding. A document it returns must keep its promises: every row has as many cells as the
// header, every cell has a place, every header name is found by column().
//
//   scripts/fuzz.sh --runs 150000     # every target: the scenario reader, this one, the trace
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tumen/base/csv_text.hpp"
#include "tumen/base/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto doc = tumen::parse_csv(text, "fuzz.csv");
    if (doc.header.empty()) __builtin_trap();  // a document always has a header
    for (std::size_t i = 0; i < doc.header.size(); ++i) {
      const auto& h = doc.header[i];
      if (h.line < 1 || h.column < 1) __builtin_trap();
      if (doc.column(h.text) != i) __builtin_trap();  // names are unique and found again
    }
    for (const auto& row : doc.rows) {
      if (row.size() != doc.header.size()) __builtin_trap();
      for (const auto& c : row)
        if (c.line < 1 || c.column < 1) __builtin_trap();
    }
  } catch (const tumen::input_error& e) {
    for (const auto& d : e.problems().items())
      if (d.where.file != "fuzz.csv" || d.where.line < 1 || d.where.column < 1) __builtin_trap();
    (void)e.problems().to_string();  // every message renders
  }
  return 0;
}
