// CSV references in a scenario: the reader's pass that replaces `{ csv = …, column = … }` by 24
// located values (detail/csv_tables.hpp), the list of files a scenario refers to, and the
// [tables] section that carries them (tumen/scenario/csv_tables.hpp).
#include "tumen/scenario/csv_tables.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "tumen/base/csv_text.hpp"
#include "tumen/base/error.hpp"
#include "tumen/scenario/detail/csv_tables.hpp"
#include "tumen/scenario/detail/text_guard.hpp"
#include "tumen/scenario/key_table.hpp"
#include "tumen/scenario/suggest.hpp"

namespace tumen::scenario {

namespace {

using detail::key_path;
using detail::toml_access;

// The head of the [tables] that with_csv_files appends: the CSV texts below it came from files
// beside the scenario, so their problems are reported at those files; those of a [tables] written
// by hand are reported where they are in the scenario file.
constexpr std::string_view bundle_head =
    "\n# CSV files of this scenario, added by tumen from its folder\n[tables]\n";

constexpr std::string_view reference_shape = "{ csv = \"FILE.csv\", column = \"NAME\" }";

const toml::table* csv_table(const toml::node& n) {
  const auto* t = n.as_table();
  return t && t->get("csv") && t->get("csv")->is_string() ? t : nullptr;
}

// What a table holding a string `csv` is at `path`: a reference (the key takes hourly values),
// an ordinary table with a key named csv (a class or id called "csv"), or a reference where
// none may go.
enum class csv_role { reference, plain_table, misplaced };

csv_role role_of(const key_path& path) {
  if (const auto* row = find_key(path); row && takes_csv_column(*row)) return csv_role::reference;
  auto with = path;
  with.emplace_back("csv");
  if (const auto* row = find_key(with)) {
    const auto last = row->pattern.substr(row->pattern.rfind('.') + 1);
    if (last != "<n>") return csv_role::plain_table;
  }
  return csv_role::misplaced;
}

std::string hourly_keys() {
  std::string out;
  for (const auto& row : key_table())
    if (takes_csv_column(row)) out += (out.empty() ? "" : ", ") + std::string(row.pattern);
  return out;
}

// The number in a cell: a whole number stays an integer (open_lanes needs one).
bool push_number(toml::array& out, std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto* end = text.data() + text.size();
  std::int64_t i = 0;
  if (auto r = std::from_chars(text.data(), end, i); r.ec == std::errc{} && r.ptr == end) {
    out.push_back(i);
    return true;
  }
  double d = 0;
  if (auto r = std::from_chars(text.data(), end, d);
      r.ec == std::errc{} && r.ptr == end && std::isfinite(d)) {
    out.push_back(d);
    return true;
  }
  return false;
}

std::optional<int> hour_of(std::string_view text) {
  int h = -1;
  const auto* end = text.data() + text.size();
  if (auto r = std::from_chars(text.data(), end, h);
      r.ec != std::errc{} || r.ptr != end || h < 0 || h > 23 || text.size() > 2)
    return std::nullopt;
  return h;
}

// The 24 values of one reference, and where each came from.
struct resolved {
  toml::array values;
  std::array<source_location, 24> origins;
};

class resolver {
 public:
  resolver(toml::table& root, std::string_view text, toml_access& access)
      : access_(access), text_(text), bundled_(text.find(bundle_head) != std::string_view::npos) {
    if (const auto* t = root.get("tables")) tables_ = t->as_table();
  }

  void walk_table(toml::table& t, key_path& path) {
    std::vector<std::pair<std::string, resolved>> replaced;
    for (auto&& [k, v] : t) {
      if (path.empty() && (k.str() == "tables" || k.str() == "variants")) continue;
      path.emplace_back(k.str());
      if (const auto* ref = csv_table(v)) {
        const auto role = role_of(path);
        if (role == csv_role::reference)
          replaced.emplace_back(k.str(), resolve(*ref, path, access_.where(k, v)));
        else if (role == csv_role::misplaced)
          misplaced(path, access_.where(k, v));
        else
          walk_table(*v.as_table(), path);
      } else {
        walk(v, path);
      }
      path.pop_back();
    }
    for (auto& [key, r] : replaced) {
      const auto at = access_.where(*t.get(key));
      t.insert_or_assign(key, std::move(r.values));
      const auto& placed = *t.get(key)->as_array();
      access_.mark_origin(placed, at);
      for (std::size_t h = 0; h < 24; ++h) access_.mark_origin(*placed.get(h), r.origins[h]);
    }
  }

 private:
  void walk(toml::node& n, key_path& path) {
    if (auto* t = n.as_table()) {
      walk_table(*t, path);
    } else if (auto* a = n.as_array()) {
      for (std::size_t i = 0; i < a->size(); ++i) {
        path.push_back(std::to_string(i));
        if (csv_table(*a->get(i)))
          misplaced(path, access_.where(*a->get(i)));
        else
          walk(*a->get(i), path);
        path.pop_back();
      }
    }
  }

  void misplaced(const key_path& path, const source_location& at) {
    access_.error(at, path, "takes no CSV column: only 24 hourly values can come from a CSV file",
                  "a CSV column at: " + hourly_keys());
  }

  resolved resolve(const toml::table& ref, const key_path& path, const source_location& at) {
    resolved out;
    std::array<std::optional<toml::array>, 24> cells;  // one number each, when read
    for (auto&& [k, v] : ref)
      if (k.str() != "csv" && k.str() != "column")
        access_.error(access_.where(k, v), detail::child(path, k.str()),
                      fmt::format("unknown key '{}' beside csv", k.str()),
                      std::string(reference_shape));
    const std::string file = *ref.get("csv")->value<std::string>();
    const auto* column_node = ref.get("column");
    const auto column_at = column_node ? access_.where(*column_node) : at;
    std::optional<std::string> column;
    if (!column_node)
      access_.error(at, path, fmt::format("names the CSV file \"{}\" but no column", file),
                    std::string(reference_shape));
    else if (!column_node->is_string())
      access_.error(
          column_at, detail::child(path, "column"),
          fmt::format("must be a column name (a string), got {}", detail::describe(*column_node)),
          std::string(reference_shape));
    else
      column = *column_node->value<std::string>();

    const auto csv = ref.find("csv");
    const auto* doc = document(file, access_.where(csv->first, csv->second), path);
    if (doc && column) read_column(*doc, *column, column_at, path, cells, out.origins);
    for (std::size_t h = 0; h < 24; ++h) {
      if (cells[h]) {
        out.values.push_back(*cells[h]->get(0));
      } else {
        out.values.push_back(1);  // a stand-in: the reference has been reported
        out.origins[h] = at;
      }
    }
    return out;
  }

  // Where the lines of a CSV text are: in a file of their own (line and column as they are), or
  // inside the scenario file's string that carries them (from its first character on).
  struct placement {
    std::string file;
    int first_line = 1;   // the line of the CSV text's line 1
    int first_shift = 0;  // columns before the CSV text's first character on that line
    source_location at(int line, int column, std::string note = {}) const {
      return {file, first_line + line - 1, line == 1 ? column + first_shift : column,
              std::move(note)};
    }
  };

  // The placement of the CSV text of [tables] entry `value` named `file`.
  placement place(const std::string& file, const toml::node& value) const {
    const auto& b = value.source().begin;
    const placement beside{csv_display_name(access_.file(), file), 1, 0};
    if (bundled_ || b.line == 0) return beside;
    // The string's opening quotes: ''' or """ (multi-line: a newline right after them is not
    // part of the text), else ' or ". Columns count UTF-8 characters.
    std::size_t at = 0;
    for (std::size_t line = 1; line < b.line; ++line) {
      at = text_.find('\n', at);
      if (at == std::string_view::npos) return beside;
      ++at;
    }
    for (std::size_t col = 1; at < text_.size() && col < b.column; ++at)
      if (at + 1 >= text_.size() || (static_cast<unsigned char>(text_[at + 1]) & 0xC0) != 0x80)
        ++col;
    if (at >= text_.size()) return beside;
    const auto rest = text_.substr(at);
    const int quotes = rest.substr(0, 3) == "'''" || rest.substr(0, 3) == "\"\"\"" ? 3 : 1;
    const auto after = rest.substr(static_cast<std::size_t>(quotes));
    if (quotes == 3 && (after.substr(0, 1) == "\n" || after.substr(0, 2) == "\r\n"))
      return {access_.file(), static_cast<int>(b.line) + 1, 0};
    return {access_.file(), static_cast<int>(b.line), static_cast<int>(b.column) - 1 + quotes};
  }

  // One CSV file of [tables]: its cells, and its row for each hour (checked once per file).
  struct table_file {
    csv_document doc;
    std::string shown;  // its name in messages
    placement where;    // where its lines are
    std::optional<std::size_t> hour;
    std::array<const std::vector<csv_cell>*, 24> rows{};
  };

  void read_column(const table_file& f, const std::string& column, const source_location& column_at,
                   const key_path& path, std::array<std::optional<toml::array>, 24>& cells,
                   std::array<source_location, 24>& origins) {
    std::vector<std::string> names;
    for (const auto& h : f.doc.header) names.push_back(h.text);
    const auto wanted = f.doc.column(column);
    if (!wanted) {
      auto msg = fmt::format("{} has no column \"{}\"", f.shown, column);
      if (auto hint = did_you_mean(column, names); !hint.empty()) msg += "; " + hint;
      access_.error(column_at, detail::child(path, "column"), msg,
                    "one of its columns: " + list_names(names, names.size()));
      return;
    }
    const auto note = fmt::format("column \"{}\"", f.doc.header[*wanted].text);
    for (std::size_t h = 0; h < 24; ++h) {
      if (!f.rows[h]) continue;  // reported with the hours
      const auto& c = (*f.rows[h])[*wanted];
      const auto where = f.where.at(c.line, c.column, note);
      toml::array one;
      if (push_number(one, c.text)) {
        cells[h] = std::move(one);
        origins[h] = where;
      } else {
        access_.error(where, detail::child(path, std::to_string(h)),
                      c.text.empty() ? std::string("the cell is empty; a number is needed")
                                     : fmt::format("must be a number, got \"{}\"", c.text),
                      "a number such as 40 or 1.25 (a point, no unit)");
      }
    }
  }

  // Finds the row of each hour; reports (under the first reference's key path) a missing hour
  // column, a bad hour, an hour twice, hours without a row.
  void index_hours(table_file& f, const key_path& path) {
    std::vector<std::string> names;
    for (const auto& h : f.doc.header) names.push_back(h.text);
    f.hour = f.doc.column("hour");
    if (!f.hour) {
      access_.error(f.where.at(f.doc.header[0].line, 1), path,
                    fmt::format("{} has no column \"hour\"; its columns: {}", f.shown,
                                list_names(names, names.size())),
                    "a column hour holding the hours 0 … 23 (hour 0 = 00:00–01:00), one row each");
      return;
    }
    const auto hour_note = std::string("column \"hour\"");
    for (const auto& row : f.doc.rows) {
      const auto& c = row[*f.hour];
      const auto h = hour_of(c.text);
      if (!h) {
        access_.error(
            f.where.at(c.line, c.column, hour_note), path,
            fmt::format("an hour must be a whole number from 0 to 23, got \"{}\"", c.text),
            "0 for 00:00–01:00 … 23 for 23:00–24:00");
        continue;
      }
      if (const auto* first = f.rows[static_cast<std::size_t>(*h)]) {
        access_.error(
            f.where.at(c.line, c.column, hour_note), path,
            fmt::format("hour {} is given twice (first on line {})", *h, (*first)[*f.hour].line),
            "each hour from 0 to 23 once");
        continue;
      }
      f.rows[static_cast<std::size_t>(*h)] = &row;
    }
    std::string missing;
    int missing_count = 0;
    for (std::size_t h = 0; h < 24; ++h) {
      if (f.rows[h]) continue;
      missing += (missing.empty() ? "" : ", ") + std::to_string(h);
      ++missing_count;
    }
    if (missing_count > 0) {
      const auto& head = f.doc.header[*f.hour];
      access_.error(f.where.at(head.line, head.column, hour_note), path,
                    fmt::format("{} has no row for hour{} {}", f.shown,
                                missing_count == 1 ? "" : "s", missing),
                    "one row for each hour from 0 to 23 (hour 0 = 00:00–01:00)");
    }
  }

  // The CSV file `file` of [tables], parsed and indexed by hour once, or nullptr when reported.
  const table_file* document(const std::string& file, const source_location& at,
                             const key_path& path) {
    if (const auto it = docs_.find(file); it != docs_.end())
      return it->second && it->second->hour ? &*it->second : nullptr;
    auto& slot = docs_[file];
    const auto* text = tables_ ? tables_->get(file) : nullptr;
    if (!text) {
      access_.error(
          at, detail::child(path, "csv"),
          fmt::format("the CSV file \"{}\" is not in this scenario's [tables]", file),
          "a scenario read from a file takes its CSV files from the file's folder; a built-in or "
          "stored one carries them: [tables] \"" +
              file + "\" = '''hour,…'''");
      return nullptr;
    }
    if (!text->is_string()) return nullptr;  // reported by the key checks (tables.<file>)
    auto where = place(file, *text);
    const auto shown = bundled_ ? where.file : file;
    try {
      slot = table_file{parse_csv(*text->value<std::string>(), shown), shown, where, {}, {}};
    } catch (const input_error& e) {
      for (auto d : e.problems().items()) {
        d.where = where.at(d.where.line, d.where.column);
        access_.out().add(std::move(d));
      }
      return nullptr;
    }
    index_hours(*slot, path);
    return slot->hour ? &*slot : nullptr;
  }

  toml_access& access_;
  std::string_view text_;
  bool bundled_ = false;
  const toml::table* tables_ = nullptr;
  std::map<std::string, std::optional<table_file>> docs_;
};

// Gathers the files named by references in a tree (for missing_csv_files).
class collector {
 public:
  std::vector<csv_reference> found;

  void node(const toml::node& n, key_path& path, const std::string& origin) {
    if (const auto* ref = csv_table(n)) {
      const auto role = role_of(path);
      if (role == csv_role::reference) {
        const auto [key, csv] = *ref->find("csv");  // located at the key
        source_location at{origin};
        if (key.source().begin.line > 0 && origin_is_file_)
          at = {origin, static_cast<int>(key.source().begin.line),
                static_cast<int>(key.source().begin.column)};
        add(*csv.value<std::string>(), std::move(at), detail::child(path, "csv"));
        return;
      }
      if (role == csv_role::misplaced) return;
    }
    if (const auto* t = n.as_table()) {
      for (auto&& [k, v] : *t) {
        path.emplace_back(k.str());
        node(v, path, origin);
        path.pop_back();
      }
    } else if (const auto* a = n.as_array()) {
      for (std::size_t i = 0; i < a->size(); ++i) {
        path.push_back(std::to_string(i));
        node(*a->get(i), path, origin);
        path.pop_back();
      }
    }
  }

  // A variant's settings: dotted keys ("stages.x.rate_per_lane" = …) and tables of them.
  void variant(const toml::table& t, const key_path& prefix, const std::string& origin) {
    for (auto&& [k, v] : t) {
      auto path = prefix;
      for (auto& s : detail::split_path(k.str())) path.push_back(std::move(s));
      if (const auto* sub = v.as_table(); sub && !sub->is_inline() && !csv_table(v))
        variant(*sub, path, origin);
      else
        node(v, path, origin);
    }
  }

  void set_origin_is_file(bool yes) { origin_is_file_ = yes; }

 private:
  void add(std::string file, source_location at, const key_path& path) {
    if (!seen_.insert(file).second) return;
    found.push_back({std::move(file), std::move(at), detail::join(path)});
  }
  std::set<std::string> seen_;
  bool origin_is_file_ = true;
};

// Whether `text` can be the inside of a TOML multi-line string: UTF-8, and no control
// characters but tab, LF and CRLF. Reports the first offender at its line and column.
bool check_csv_text(std::string_view text, const std::string& shown, diagnostics& out) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    bool ok = len > 0 && i + len <= text.size();
    for (std::size_t k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (!ok) {
      out.error({shown, line, column}, "", "is not UTF-8 text",
                "a CSV file saved as UTF-8 (or plain ASCII)");
      return false;
    }
    const bool crlf = c == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    if (len == 1 && (c < 0x20 || c == 0x7F) && c != '\t' && c != '\n' && !crlf) {
      out.error({shown, line, column}, "",
                fmt::format("holds the control character U+{:04X}", static_cast<unsigned>(c)),
                "text with tabs and line ends (LF or CRLF) only");
      return false;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else if (!crlf) {
      ++column;
    }
    i += len;
  }
  return true;
}

std::string toml_key(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

// The CSV text as a TOML multi-line string: literal when it can be, else basic with escapes.
std::string toml_multiline(std::string_view csv) {
  if (csv.find("'''") == std::string_view::npos && (csv.empty() || csv.back() != '\''))
    return "'''\n" + std::string(csv) + "'''";
  std::string out = "\"\"\"\n";
  for (char c : csv) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\r') {
      out += "\\r";
      continue;
    }
    out += c;
  }
  return out + "\"\"\"";
}

std::optional<toml::table> parse_quietly(std::string_view text, const std::string& name) {
  diagnostics ignored;
  if (detail::check_text(text, name, "", ignored) != detail::text_verdict::ok) return std::nullopt;
  try {
    return toml::parse(text, std::string_view(name));
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
}

}  // namespace

namespace detail {

void resolve_csv_tables(toml::table& root, std::string_view text, toml_access& access) {
  resolver r(root, text, access);
  key_path path;
  r.walk_table(root, path);
}

}  // namespace detail

std::string csv_display_name(std::string_view source_name, std::string_view file) {
  const std::filesystem::path f{std::string(file)};
  if (f.is_absolute()) return f.string();
  const auto folder = std::filesystem::path{std::string(source_name)}.parent_path();
  return folder.empty() ? f.string() : (folder / f).string();
}

std::vector<csv_reference> missing_csv_files(std::string_view text, std::string_view source_name,
                                             const std::vector<override_spec>& overrides) {
  const std::string name(source_name);
  collector c;
  std::set<std::string> carried;
  if (auto root = parse_quietly(text, name)) {
    if (const auto* tables = root->get("tables"); tables && tables->is_table())
      for (auto&& [k, v] : *tables->as_table()) carried.insert(std::string(k.str()));
    key_path path;
    for (auto&& [k, v] : *root) {
      if (k.str() == "tables") continue;
      if (k.str() == "variants") {
        if (const auto* vs = v.as_table())
          for (auto&& [vk, vv] : *vs)
            if (const auto* one = vv.as_table()) c.variant(*one, {}, name);
        continue;
      }
      path.emplace_back(k.str());
      c.node(v, path, name);
      path.pop_back();
    }
  }
  c.set_origin_is_file(false);
  for (const auto& o : overrides) {
    const auto doc = parse_quietly("v = " + o.value, o.origin);
    if (!doc || !doc->get("v")) continue;
    auto path = detail::split_path(o.path);
    c.node(*doc->get("v"), path, o.origin);
  }
  std::vector<csv_reference> out;
  for (auto& r : c.found)
    if (!carried.count(r.file)) out.push_back(std::move(r));
  return out;
}

std::string with_csv_files(std::string_view text, std::string_view source_name,
                           const std::vector<std::pair<std::string, std::string>>& files) {
  if (files.empty()) return std::string(text);
  const std::string name(source_name);
  diagnostics problems;
  if (const auto root = parse_quietly(text, name); root && root->get("tables")) {
    const auto& b = root->get("tables")->source().begin;
    std::string names;
    for (const auto& f : files) names += (names.empty() ? "\"" : ", \"") + f.first + "\"";
    problems.error({name, static_cast<int>(b.line), static_cast<int>(b.column)}, "tables",
                   fmt::format("this scenario carries CSV files in [tables] but not {}", names),
                   "all its CSV files in [tables], or none (then they are read from its folder)");
  }
  for (const auto& f : files)
    check_csv_text(f.second, csv_display_name(source_name, f.first), problems);
  if (problems.has_errors()) throw input_error(std::move(problems));
  std::string out(text);
  if (!out.empty() && out.back() != '\n') out += '\n';
  out += bundle_head;
  for (const auto& f : files) out += toml_key(f.first) + " = " + toml_multiline(f.second) + "\n";
  return out;
}

}  // namespace tumen::scenario
