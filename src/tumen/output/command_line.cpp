// A process's command line, shell-quoted (see tumen/output/command_line.hpp).
#include "tumen/output/command_line.hpp"

#include <cstdio>

namespace tumen::output {

std::string shell_quote(const std::string& arg) {
  if (!arg.empty() &&
      arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                            "@%+=:,./-_") == std::string::npos)
    return arg;
  std::string out = "'";
  for (const char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string command_line() {
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

}  // namespace tumen::output
