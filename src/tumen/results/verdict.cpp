// Verdict words and their order (see tumen/results/verdict.hpp).
#include "tumen/results/verdict.hpp"

namespace tumen::results {

std::string_view to_string(verdict_kind v) {
  switch (v) {
    case verdict_kind::stable: return "stable";
    case verdict_kind::stable_by_losing: return "stable_by_losing";
    case verdict_kind::saturated: return "saturated";
  }
  return "stable";
}

verdict_kind worst(verdict_kind a, verdict_kind b) {
  return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

}  // namespace tumen::results
