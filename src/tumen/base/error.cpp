// Construction of tumen's cross-layer exceptions (see tumen/base/error.hpp).
#include "tumen/base/error.hpp"

namespace tumen {

namespace {
std::string summary(const diagnostics& problems) {
  const auto n = problems.error_count();
  std::string text =
      n == 1 ? "1 problem in the input" : std::to_string(n) + " problems in the input";
  text += ":\n" + problems.to_string();
  return text;
}
}  // namespace

input_error::input_error(diagnostics problems)
    : std::runtime_error(summary(problems)), problems_(std::move(problems)) {}

input_error::input_error(std::string key_path, std::string message, std::string valid)
    : input_error([&] {
        diagnostics d;
        d.error({}, std::move(key_path), std::move(message), std::move(valid));
        return d;
      }()) {}

}  // namespace tumen
