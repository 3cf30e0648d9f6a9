// Typed, located access to a parsed TOML tree, reporting every problem as a diagnostic.
//
// This is the only header that includes toml++ (it compiles slowly); it is included by the
// reader's .cpp files alone. A `field` is one key of a table: its node (or nullptr when absent),
// its key path, and where it is. `toml_access::get` consults the key table: a missing key takes
// the row's default (parsed from the row's TOML text, located at its parent table) or, when the
// row is required, is reported. The typed readers (`integer`, `quantity`, `distribution` …)
// return nullopt for an absent optional field without a word, and nullopt with a diagnostic
// for a present but invalid one.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <toml++/toml.h>

#include "tumen/base/diagnostic.hpp"
#include "tumen/random/distribution.hpp"
#include "tumen/scenario/scenario.hpp"
#include "tumen/scenario/units.hpp"

namespace tumen::scenario::detail {

using key_path = std::vector<std::string>;

std::string join(const key_path& path);
// "stages.x.lanes" → {"stages", "x", "lanes"} (a dotted key of a variant, an override's path).
key_path split_path(std::string_view dotted);
key_path child(const key_path& path, std::string_view key);
// A short description of a value for messages: `the string "6"`, `the integer 0`, `a table`.
std::string describe(const toml::node& n);

struct field {
  const toml::node* node = nullptr;
  key_path path;
  source_location where;
};

// One entry of a table of ids ([stages.ID]) or of an array of tables ([[demand]]).
struct entry {
  std::string id;  // the id, or the position as text for arrays
  const toml::table* table = nullptr;
  key_path path;
  source_location where;  // of the key (or the array element)
};

class toml_access {
 public:
  toml_access(std::string file, diagnostics& out) : file_(std::move(file)), out_(out) {}

  const std::string& file() const { return file_; }
  diagnostics& out() { return out_; }

  // Where a node is: its override origin if it came from --set or a variant, else its source.
  source_location where(const toml::node& n) const;
  source_location where(const toml::key& k, const toml::node& value) const;
  // Records that a node (and everything inside it) came from an override.
  void mark_origin(const toml::node& n, const source_location& origin);

  void error(const source_location& at, const key_path& path, std::string message,
             std::string valid = {});
  void warning(const source_location& at, const key_path& path, std::string message,
               std::string valid = {});

  // The field `key` of `parent` (a table at `parent_path`, located at `parent_where`).
  field get(const toml::table& parent, const key_path& parent_path,
            const source_location& parent_where, std::string_view key);
  // Element i of the array at `f` (located at the element itself when its position is known).
  field element(const field& f, std::size_t i) const;
  // The table at `f`, or an empty table (absent, or reported when not a table).
  const toml::table& table_or_empty(const field& f);

  std::optional<std::string> string(const field& f);
  std::optional<std::int64_t> integer(const field& f, std::int64_t lo, std::int64_t hi);
  std::optional<double> number(const field& f, double lo, double hi, bool above_lo = false);
  std::optional<bool> boolean(const field& f);
  std::optional<double> quantity(const field& f, dimension d, bool positive);
  std::optional<random::distribution> distribution(const field& f, dimension d);
  std::optional<int> choice(const field& f, const std::vector<std::string>& options);
  std::optional<int> reference(const field& f, const std::vector<std::string>& ids,
                               std::string_view what);
  std::optional<double> time_of_day(const field& f);
  std::optional<int> weekday(const field& f);
  // "08:00-20:00", ["08:00-12:00", "13:00-17:00"] or "closed": sorted, non-overlapping.
  std::optional<std::vector<time_interval>> hours(const field& f);

  // The tables under an id map, in file order; ids must be letters, digits, '_' or '-'.
  std::vector<entry> id_entries(const field& f);
  // The tables of an array of tables.
  std::vector<entry> array_entries(const field& f);

 private:
  void type_error(const field& f, std::string_view expected);

  std::string file_;
  diagnostics& out_;
  std::unordered_map<const toml::node*, source_location> origins_;
  std::map<std::string, std::unique_ptr<toml::table>, std::less<>> defaults_;
  toml::table empty_;
};

}  // namespace tumen::scenario::detail
