// SHA-256 digests as hex text: the scenario_hash of a run in the results database, so a rerun
// with --resume finds the run made from the same scenario text (byte for byte).
//
//   a.scenario_hash = tumen::output::sha256_hex(source.text);   // 64 lowercase hex digits
#pragma once

#include <string>
#include <string_view>

namespace tumen::output {

// SHA-256 (FIPS 180-4) of `text` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view text);

}  // namespace tumen::output
