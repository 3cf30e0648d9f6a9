// The exceptions tumen throws across layers, and what the command line does with them.
//
//   input_error    — the user's input is wrong (a scenario file, an override, a flag value).
//                    Carries every diagnostic found. The CLI prints them and exits with 2.
//   runtime_error  — the input was fine but running failed (a model fault, an I/O error while
//                    writing results). The CLI prints it and exits with 1.
//
// The engine's own failure type (a process that threw) lives in tumen/sim/process_error.hpp and
// derives from runtime_error.
#pragma once

#include <stdexcept>
#include <string>

#include "tumen/base/diagnostic.hpp"

namespace tumen {

class input_error : public std::runtime_error {
 public:
  explicit input_error(diagnostics problems);
  // A single problem with no file position (for example a bad command-line value).
  input_error(std::string key_path, std::string message, std::string valid = {});

  const diagnostics& problems() const noexcept { return problems_; }

 private:
  diagnostics problems_;
};

class runtime_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tumen
