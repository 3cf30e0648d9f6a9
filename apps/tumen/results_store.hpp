// What the commands that record results share: the run attributes every run row carries (the
// scenario text and its hash, the version, the seed, the command line) and the command line
// itself, read back from the kernel so it is exactly what was typed (after the shell's expansion).
//
//   auto attrs = tumen::app::run_attributes_for("sweep", source, sc, seed, plan.design_key());
//   tumen::output::results_db db(path);
//   auto run = db.begin_run(attrs);
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "scenario_source.hpp"
#include "tumen/output/results_db.hpp"
#include "tumen/scenario/scenario.hpp"
#include "version.hpp"

namespace tumen::app {

// One argument quoted for a POSIX shell when it needs it.
inline std::string shell_quote(const std::string& arg) {
  if (!arg.empty() &&
      arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                            "@%+=:,./-_") == std::string::npos)
    return arg;
  std::string out = "'";
  for (const char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// This process's command line, shell-quoted ("tumen sweep --vary 'a=1, 2'"). Empty if the
// system does not say (Linux does, in /proc/self/cmdline).
inline std::string command_line() {
  std::string raw;
  if (std::FILE* f = std::fopen("/proc/self/cmdline", "rb")) {
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) raw.append(buf, n);
    std::fclose(f);
  }
  std::string out, arg;
  for (const char c : raw) {
    if (c != '\0') {
      arg += c;
      continue;
    }
    if (!out.empty()) out += ' ';
    out += shell_quote(arg);
    arg.clear();
  }
  return out;
}

inline output::run_attributes run_attributes_for(std::string kind, const scenario_text& source,
                                                 const scenario::scenario& sc, std::uint64_t seed,
                                                 std::string design) {
  output::run_attributes a;
  a.kind = std::move(kind);
  a.scenario_name = sc.name;
  a.scenario_source = source.source_name;
  a.scenario_text = source.text;
  a.scenario_hash = output::sha256_hex(source.text);
  a.version = version;
  a.seed = seed;
  a.command_line = command_line();
  a.design = std::move(design);
  return a;
}

}  // namespace tumen::app
