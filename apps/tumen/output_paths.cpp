// Checking the files a command reads and writes before it runs (see output_paths.hpp).
#include "output_paths.hpp"

#include <unistd.h>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>

#include "tumen/base/error.hpp"

namespace tumen::app {

namespace fs = std::filesystem;

namespace {

const char* const valid_file = "a file in an existing, writable folder";
const char* const valid_folder = "a folder that exists or can be created, and is writable";
const char* const valid_database =
    "a results database written by tumen (docs/results-database.md), or a new file in an "
    "existing, writable folder";

fs::path resolved(const std::string& path) {
  std::error_code ec;
  auto abs = fs::absolute(path, ec);
  if (ec) return path;
  auto canonical = fs::weakly_canonical(abs, ec);
  return ec ? abs.lexically_normal() : canonical;
}

std::string folder_of(const fs::path& file) {
  return file.has_parent_path() ? file.parent_path().string() : std::string(".");
}

// Why files cannot be created in `folder`, or empty when they can.
std::string folder_problem(const std::string& folder) {
  std::error_code ec;
  const auto st = fs::status(folder, ec);
  if (!fs::exists(st)) return "the folder " + folder + " does not exist";
  if (!fs::is_directory(st)) return folder + " is not a folder";
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    return "cannot create files in " + folder + ": " + std::strerror(errno);
  return {};
}

// What the SQLite header (the first 100 bytes, https://sqlite.org/fileformat.html) says about an
// existing file: empty when it is a tumen results database (PRAGMA user_version, at offset 60,
// is the schema version tumen sets; 0 means no tumen schema), else why it is not one. An empty
// file or an SQLite database without tables is fine when `may_be_new` (tumen fills it).
std::string database_problem(const std::string& path, bool may_be_new) {
  std::ifstream in(path, std::ios::binary);
  std::array<unsigned char, 100> h{};
  in.read(reinterpret_cast<char*>(h.data()), h.size());
  const auto n = in.gcount();
  if (!in && !in.eof()) return "cannot read it";
  if (n == 0) return may_be_new ? std::string() : "the file is empty, not a results database";
  if (n < 100 || std::memcmp(h.data(), "SQLite format 3", 16) != 0)
    return "not a results database (not an SQLite file at all)";
  auto be32 = [&](std::size_t at) {
    return std::uint32_t{h[at]} << 24 | std::uint32_t{h[at + 1]} << 16 |
           std::uint32_t{h[at + 2]} << 8 | std::uint32_t{h[at + 3]};
  };
  if (be32(60) != 0) return {};
  // No tumen schema. The page count (offset 28) is valid when offset 92 matches offset 24.
  const bool pages_known = be32(92) == be32(24);
  const bool has_tables = !pages_known || be32(28) > 1;
  if (may_be_new && !has_tables) return {};
  return "an SQLite database, but not a tumen results database";
}

}  // namespace

bool path_checks::claim(const std::string& option, const std::string& path, role what) {
  const auto where = resolved(path);
  for (const auto& n : named_) {
    if (n.where != where) continue;
    if (n.what == role::input && what == role::input) return true;  // read twice: fine
    const std::string other = n.what == role::input      ? "an input of this command"
                              : n.what == role::database ? "the results database"
                                                         : "also written by " + n.option;
    const std::string self = n.option.empty() ? "the scenario" : n.option;
    problems_.error({option, 0, 0}, "",
                    "cannot write " + path + ": it is " + other +
                        (n.what == role::input ? " (" + self + ")" : std::string()),
                    "a file of its own for every output");
    return false;
  }
  named_.push_back({option, where, what});
  return true;
}

void path_checks::reads_scenario(const std::string& name_or_path) {
  std::error_code ec;
  if (fs::is_regular_file(name_or_path, ec)) claim("", name_or_path, role::input);
}

void path_checks::reads_file(const std::string& option, const std::optional<std::string>& path) {
  if (!path) return;
  std::error_code ec;
  const auto st = fs::status(*path, ec);
  if (!fs::exists(st))
    problems_.error({option, 0, 0}, "", "cannot read " + *path + ": no such file",
                    "an existing file");
  else if (!fs::is_regular_file(st))
    problems_.error({option, 0, 0}, "", "cannot read " + *path + ": not a regular file",
                    "an existing file");
  else if (::access(path->c_str(), R_OK) != 0)
    problems_.error({option, 0, 0}, "", "cannot read " + *path + ": " + std::strerror(errno),
                    "a readable file");
  else
    claim(option, *path, role::input);
}

void path_checks::reads_database(const std::string& option, const std::string& path) {
  const char* const valid = "a results database written by tumen (docs/results-database.md)";
  std::error_code ec;
  const auto st = fs::status(path, ec);
  std::string why;
  if (!fs::exists(st))
    why = "no such file";
  else if (!fs::is_regular_file(st))
    why = "not a regular file";
  else if (::access(path.c_str(), R_OK) != 0)
    why = std::strerror(errno);
  else
    why = database_problem(path, false);
  if (!why.empty())
    problems_.error({option, 0, 0}, "", "cannot read " + path + ": " + why, valid);
  else
    claim(option, path, role::input);
}

void path_checks::writes_file(const std::string& option, const std::optional<std::string>& path,
                              bool dash_is_stdout) {
  if (!path || (dash_is_stdout && *path == "-")) return;
  const std::string valid =
      dash_is_stdout ? std::string(valid_file) + ", or - for standard output" : valid_file;
  auto fail = [&](const std::string& why) {
    problems_.error({option, 0, 0}, "", "cannot write " + *path + ": " + why, valid);
  };
  const fs::path file(*path);
  std::error_code ec;
  const auto st = fs::status(file, ec);
  if (path->empty()) return fail("the name is empty");
  if (file.filename().empty() || fs::is_directory(st)) return fail("it is a folder");
  if (fs::exists(st) && !fs::is_regular_file(st)) return fail("it is not a regular file");
  if (const auto why = folder_problem(folder_of(file)); !why.empty()) return fail(why);
  claim(option, *path, role::output);
}

void path_checks::writes_folder(const std::string& option, const std::optional<std::string>& path) {
  if (!path) return;
  auto fail = [&](const std::string& why) {
    problems_.error({option, 0, 0}, "", "cannot write into " + *path + ": " + why, valid_folder);
  };
  if (path->empty()) return fail("the name is empty");
  std::error_code ec;
  // The folder itself when it exists, else its nearest existing ancestor (where it is created).
  fs::path at = fs::absolute(*path, ec).lexically_normal();
  while (!fs::exists(at, ec) && at.has_relative_path()) at = at.parent_path();
  if (!fs::is_directory(at, ec))
    return fail(at.string() == fs::absolute(*path, ec).lexically_normal().string()
                    ? "it exists and is not a folder"
                    : at.string() + " is not a folder");
  if (::access(at.c_str(), W_OK | X_OK) != 0)
    return fail("cannot create files in " + at.string() + ": " + std::strerror(errno));
  claim(option, *path, role::output);
}

void path_checks::writes_database(const std::string& option, const std::string& path) {
  auto fail = [&](const std::string& why) {
    problems_.error({option, 0, 0}, "", "cannot use " + path + ": " + why, valid_database);
  };
  const fs::path file(path);
  std::error_code ec;
  const auto st = fs::status(file, ec);
  if (path.empty()) return fail("the name is empty");
  if (file.filename().empty() || fs::is_directory(st)) return fail("it is a folder");
  if (fs::exists(st)) {
    if (!fs::is_regular_file(st)) return fail("it is not a regular file");
    if (::access(path.c_str(), R_OK | W_OK) != 0) return fail(std::strerror(errno));
    if (const auto why = database_problem(path, true); !why.empty()) return fail(why);
  }
  // SQLite writes its rollback journal beside the database.
  if (const auto why = folder_problem(folder_of(file)); !why.empty()) return fail(why);
  claim(option, path, role::database);
}

void path_checks::check() const {
  if (problems_.has_errors()) throw input_error(problems_);
}

void check_study_paths(const std::vector<std::string>& scenarios,
                       const std::optional<std::string>& db,
                       const std::optional<std::string>& json) {
  path_checks paths;
  for (const auto& s : scenarios) paths.reads_scenario(s);
  if (db) paths.writes_database("--db", *db);
  paths.writes_file("--json", json, true);
  paths.check();
}

}  // namespace tumen::app
