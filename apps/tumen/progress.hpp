// A progress bar on the terminal's standard error, for long experiments. Silent when standard
// error is not a terminal (pipes, CI logs) or when asked to be quiet.
//
//   progress bar(total, "replications", quiet);
//   bar.step();            // one unit finished
//   bar.finish();          // clears the line
#pragma once

#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <string>

namespace tumen::app {

class progress {
 public:
  progress(std::size_t total, std::string what, bool quiet)
      : total_(total),
        what_(std::move(what)),
        on_(!quiet && ::isatty(2) && total > 1),
        start_(std::chrono::steady_clock::now()) {}
  ~progress() { finish(); }

  void step() {
    ++done_;
    if (!on_) return;
    const int width = 30;
    const auto filled = static_cast<int>(width * done_ / total_);
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::fprintf(stderr, "\r[%s%s] %zu/%zu %s  %.1f s",
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), ' ').c_str(), done_, total_,
                 what_.c_str(), elapsed);
    std::fflush(stderr);
  }
  void finish() {
    if (on_ && done_ > 0) std::fprintf(stderr, "\r%*s\r", 70, "");
    on_ = false;
  }

 private:
  std::size_t total_, done_ = 0;
  std::string what_;
  bool on_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace tumen::app
