// The --memory-budget option of every command that simulates (run, sweep, capacity, staff,
// compare): a replication whose vehicles inside would take more than MB megabytes stops there,
// saturated, and says so ("memory" in its verdict). The budget decides where an overloaded run
// ends, so a command whose design is recorded (sweep, capacity, staff) adds it to the design when
// it is not the default: a sweep resumed under another budget is a different design.
#pragma once

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>

#include "tumen/model/crossing.hpp"

namespace tumen::app {

inline constexpr std::size_t default_memory_budget_mb =
    model::run_options::default_memory_budget >> 20;

inline void add_memory_budget_option(CLI::App* cmd, std::size_t& mb) {
  cmd->add_option("--memory-budget", mb,
                  fmt::format("stop a replication whose vehicles inside would take more than MB "
                              "megabytes (0: no budget; default {})",
                              default_memory_budget_mb))
      ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 20));
}

// The budget in bytes, as run options take it.
inline std::size_t memory_budget_bytes(std::size_t mb) {
  return mb << 20;
}

// " memory_budget=MB" for a design text when MB is not the default, else nothing: designs
// recorded before the option existed keep their text.
inline std::string memory_budget_design(std::size_t mb) {
  return mb == default_memory_budget_mb ? std::string() : fmt::format(" memory_budget={}", mb);
}

}  // namespace tumen::app
