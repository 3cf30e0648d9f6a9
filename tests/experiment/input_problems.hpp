// The diagnostics text of the tumen::input_error a call throws ("" when it throws none): what the
// experiment tests compare error messages against.
#pragma once

#include <string>

#include "tumen/base/error.hpp"

namespace experiment_test {

template <class F>
std::string input_problems(F&& f) {
  try {
    f();
  } catch (const tumen::input_error& e) {
    return e.problems().to_string();
  }
  return "";
}

}  // namespace experiment_test
