// Atomic file writes (see tumen/output/atomic_file.hpp).
#include "tumen/output/atomic_file.hpp"

#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "tumen/base/error.hpp"

namespace tumen::output {

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  const auto tmp = path.string() + ".tmp-" + std::to_string(::getpid());
  auto fail = [&](const std::string& what, int err) {
    std::remove(tmp.c_str());
    throw tumen::runtime_error("cannot write " + path.string() + ": " + what +
                               (err ? std::string(": ") + std::strerror(err) : std::string()));
  };
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) fail("cannot create a temporary file", errno);
  if (!content.empty() && std::fwrite(content.data(), 1, content.size(), f) != content.size()) {
    const int err = errno;
    std::fclose(f);
    fail("write failed", err);
  }
  if (std::fflush(f) != 0 || ::fsync(::fileno(f)) != 0) {
    const int err = errno;
    std::fclose(f);
    fail("flush failed", err);
  }
  if (std::fclose(f) != 0) fail("close failed", errno);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) fail("rename failed", errno);
}

}  // namespace tumen::output
