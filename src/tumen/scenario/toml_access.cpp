// Typed, located access to a parsed TOML tree (see detail/toml_access.hpp).
#include "tumen/scenario/detail/toml_access.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "tumen/scenario/distribution_spec.hpp"
#include "tumen/scenario/key_table.hpp"
#include "tumen/scenario/suggest.hpp"

namespace tumen::scenario::detail {

std::string join(const key_path& path) {
  std::string out;
  for (const auto& s : path) {
    if (!out.empty()) out += '.';
    out += s;
  }
  return out;
}

key_path split_path(std::string_view dotted) {
  key_path out;
  std::size_t from = 0;
  while (true) {
    const auto dot = dotted.find('.', from);
    out.emplace_back(dotted.substr(from, dot == std::string_view::npos ? dot : dot - from));
    if (dot == std::string_view::npos) break;
    from = dot + 1;
  }
  return out;
}

key_path child(const key_path& path, std::string_view key) {
  key_path out = path;
  out.emplace_back(key);
  return out;
}

std::string describe(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: {
      std::string s(n.as_string()->get());
      if (s.size() > 40) s = s.substr(0, 37) + "...";
      return fmt::format("the string \"{}\"", s);
    }
    case toml::node_type::integer: return fmt::format("the integer {}", n.as_integer()->get());
    case toml::node_type::floating_point:
      return fmt::format("the number {}", n.as_floating_point()->get());
    case toml::node_type::boolean: return n.as_boolean()->get() ? "true" : "false";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time value (write times of day as strings: \"08:00\")";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

source_location toml_access::where(const toml::node& n) const {
  if (const auto it = origins_.find(&n); it != origins_.end()) return it->second;
  const auto& b = n.source().begin;
  return {file_, static_cast<int>(b.line), static_cast<int>(b.column)};
}

source_location toml_access::where(const toml::key& k, const toml::node& value) const {
  if (origins_.count(&value) == 0 && k.source().begin.line > 0) {
    const auto& b = k.source().begin;
    return {file_, static_cast<int>(b.line), static_cast<int>(b.column)};
  }
  return where(value);
}

void toml_access::mark_origin(const toml::node& n, const source_location& origin) {
  origins_[&n] = origin;
  if (const auto* t = n.as_table()) {
    for (auto&& [k, v] : *t) mark_origin(v, origin);
  } else if (const auto* a = n.as_array()) {
    for (const auto& v : *a) mark_origin(v, origin);
  }
}

void toml_access::error(const source_location& at, const key_path& path, std::string message,
                        std::string valid) {
  out_.error(at, join(path), std::move(message), std::move(valid));
}

void toml_access::warning(const source_location& at, const key_path& path, std::string message,
                          std::string valid) {
  out_.warning(at, join(path), std::move(message), std::move(valid));
}

field toml_access::get(const toml::table& parent, const key_path& parent_path,
                       const source_location& parent_where, std::string_view key) {
  field f;
  f.path = child(parent_path, key);
  const auto* spec = find_key(f.path);
  if (!spec) throw std::logic_error("scenario key missing from the key table: " + join(f.path));
  for (auto&& [k, v] : parent) {
    if (k.str() == key) {
      f.node = &v;
      f.where = where(k, v);
      if (f.where.line == 0 && origins_.count(&v) == 0) f.where = parent_where;
      return f;
    }
  }
  f.where = parent_where;
  if (!spec->default_value.empty()) {
    auto it = defaults_.find(spec->pattern);
    if (it == defaults_.end()) {
      auto parsed =
          std::make_unique<toml::table>(toml::parse("v = " + std::string(spec->default_value)));
      it = defaults_.emplace(std::string(spec->pattern), std::move(parsed)).first;
    }
    f.node = it->second->get("v");
  } else if (spec->required) {
    error(parent_where, f.path, "is required but missing",
          fmt::format("{}: {}", spec->type, spec->doc));
  }
  return f;
}

field toml_access::element(const field& f, std::size_t i) const {
  const auto* node = f.node->as_array()->get(i);
  field e{node, child(f.path, std::to_string(i)), where(*node)};
  if (e.where.line == 0 && origins_.count(node) == 0) e.where = f.where;
  return e;
}

const toml::table& toml_access::table_or_empty(const field& f) {
  if (!f.node) return empty_;
  if (const auto* t = f.node->as_table()) return *t;
  type_error(f, "a table");
  return empty_;
}

void toml_access::type_error(const field& f, std::string_view expected) {
  const auto* spec = find_key(f.path);
  error(f.where, f.path, fmt::format("must be {}, got {}", expected, describe(*f.node)),
        spec ? std::string(spec->type) : std::string{});
}

std::optional<std::string> toml_access::string(const field& f) {
  if (!f.node) return std::nullopt;
  if (const auto* s = f.node->as_string()) return s->get();
  type_error(f, "a string");
  return std::nullopt;
}

std::optional<std::int64_t> toml_access::integer(const field& f, std::int64_t lo, std::int64_t hi) {
  if (!f.node) return std::nullopt;
  const std::string range = hi == INT64_MAX ? fmt::format("a whole number ≥ {}", lo)
                                            : fmt::format("a whole number from {} to {}", lo, hi);
  std::int64_t v = 0;
  if (const auto* i = f.node->as_integer()) {
    v = i->get();
  } else if (const auto* d = f.node->as_floating_point();
             d && std::isfinite(d->get()) && d->get() == std::floor(d->get())) {
    if (std::abs(d->get()) >= 1e15) {  // whole, but beyond every range here (and int64 at 9.2e18)
      error(f.where, f.path, fmt::format("must be {}, got {}", range, d->get()), range);
      return std::nullopt;
    }
    v = static_cast<std::int64_t>(d->get());  // 6.0 is a whole number too
  } else {
    type_error(f, "a whole number");
    return std::nullopt;
  }
  if (v < lo || v > hi) {
    error(f.where, f.path, fmt::format("must be {}, got {}", range, v), range);
    return std::nullopt;
  }
  return v;
}

std::optional<double> toml_access::number(const field& f, double lo, double hi, bool above_lo) {
  if (!f.node) return std::nullopt;
  double v = 0;
  if (const auto* i = f.node->as_integer())
    v = static_cast<double>(i->get());
  else if (const auto* d = f.node->as_floating_point())
    v = d->get();
  else {
    type_error(f, "a number");
    return std::nullopt;
  }
  const std::string range = fmt::format("a number {} {} and ≤ {}", above_lo ? ">" : "≥", lo, hi);
  if (std::isnan(v) || std::isinf(v) || v < lo || v > hi || (above_lo && v == lo)) {
    error(f.where, f.path, fmt::format("must be {}, got {}", range, v), range);
    return std::nullopt;
  }
  return v;
}

std::optional<bool> toml_access::boolean(const field& f) {
  if (!f.node) return std::nullopt;
  if (const auto* b = f.node->as_boolean()) return b->get();
  type_error(f, "true or false");
  return std::nullopt;
}

std::optional<double> toml_access::quantity(const field& f, dimension d, bool positive) {
  if (!f.node) return std::nullopt;
  const auto* s = f.node->as_string();
  if (!s) {
    if (f.node->is_number()) {
      error(f.where, f.path,
            fmt::format("{} needs a unit, got {}", dimension_name(d), describe(*f.node)),
            fmt::format("{} like {}", dimension_name(d), dimension_examples(d)));
    } else {
      type_error(f, fmt::format("{} like {}", dimension_name(d), dimension_examples(d)));
    }
    return std::nullopt;
  }
  const auto q = parse_quantity(s->get(), d);
  if (!q) {
    error(f.where, f.path, q.error);
    return std::nullopt;
  }
  if (positive && !(*q.value > 0)) {
    error(f.where, f.path, fmt::format("must be greater than zero, got \"{}\"", s->get()));
    return std::nullopt;
  }
  return q.value;
}

std::optional<random::distribution> toml_access::distribution(const field& f, dimension d) {
  if (!f.node) return std::nullopt;
  const value_origin origin{f.where, join(f.path)};
  if (const auto* s = f.node->as_string()) return distribution_from_text(s->get(), d, origin, out_);
  if (const auto* i = f.node->as_integer())
    return distribution_from_number(static_cast<double>(i->get()), d, origin, out_);
  if (const auto* x = f.node->as_floating_point())
    return distribution_from_number(x->get(), d, origin, out_);
  if (const auto* t = f.node->as_table()) {
    const auto scalar_of = [](const toml::node& n) -> distribution_field::scalar {
      if (const auto* s1 = n.as_string()) return s1->get();
      if (const auto* i1 = n.as_integer()) return static_cast<double>(i1->get());
      if (const auto* x1 = n.as_floating_point()) return x1->get();
      return std::monostate{};
    };
    std::vector<distribution_field> fields;
    for (auto&& [k, v] : *t) {
      distribution_field df;
      df.name = std::string(k.str());
      df.where = where(k, v);
      if (df.where.line == 0) df.where = f.where;
      if (const auto* a = v.as_array()) {
        std::vector<distribution_field::scalar> list;
        for (const auto& e : *a) list.push_back(scalar_of(e));
        df.value = std::move(list);
      } else {
        std::visit([&](auto&& x) { df.value = x; }, scalar_of(v));
      }
      fields.push_back(std::move(df));
    }
    return distribution_from_table(fields, d, origin, out_);
  }
  type_error(f,
             "a distribution: a quantity string, a short form like \"exp(mean 5 min)\", or a "
             "table like { dist = \"lognormal\", mean = \"12 min\", cv = 0.6 }");
  return std::nullopt;
}

std::optional<int> toml_access::choice(const field& f, const std::vector<std::string>& options) {
  const auto s = string(f);
  if (!s) return std::nullopt;
  for (std::size_t i = 0; i < options.size(); ++i)
    if (options[i] == *s) return static_cast<int>(i);
  auto msg = fmt::format("\"{}\" is not one of {}", *s, list_names(options));
  if (auto hint = did_you_mean(*s, options); !hint.empty()) msg += "; " + hint;
  error(f.where, f.path, msg, list_names(options));
  return std::nullopt;
}

std::optional<int> toml_access::reference(const field& f, const std::vector<std::string>& ids,
                                          std::string_view what) {
  const auto s = string(f);
  if (!s) return std::nullopt;
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (ids[i] == *s) return static_cast<int>(i);
  auto msg = fmt::format("no {} has the id \"{}\"", what, *s);
  if (auto hint = did_you_mean(*s, ids); !hint.empty()) msg += "; " + hint;
  error(f.where, f.path, msg,
        ids.empty() ? fmt::format("none is defined; add one") : "one of " + list_names(ids));
  return std::nullopt;
}

std::optional<double> toml_access::time_of_day(const field& f) {
  if (!f.node) return std::nullopt;
  if (f.node->is_time()) {
    type_error(f, "a time of day as a string like \"08:00\"");
    return std::nullopt;
  }
  const auto s = string(f);
  if (!s) return std::nullopt;
  const auto t = parse_time_of_day(*s);
  if (!t) error(f.where, f.path, t.error);
  return t.value;
}

std::optional<int> toml_access::weekday(const field& f) {
  if (!f.node) return std::nullopt;
  if (f.node->is_integer()) {
    const auto i = integer(f, 0, 6);
    if (!i) return std::nullopt;
    return static_cast<int>(*i);
  }
  const auto s = string(f);
  if (!s) return std::nullopt;
  const auto w = parse_weekday(*s);
  if (!w) error(f.where, f.path, w.error);
  return w.value;
}

std::optional<std::vector<time_interval>> toml_access::hours(const field& f) {
  if (!f.node) return std::nullopt;
  std::vector<field> items;
  if (f.node->is_string()) {
    items.push_back(f);
  } else if (const auto* a = f.node->as_array()) {
    for (std::size_t i = 0; i < a->size(); ++i) items.push_back(element(f, i));
  } else {
    type_error(f, "hours like \"08:00-20:00\", a list of them, or \"closed\"");
    return std::nullopt;
  }
  std::vector<time_interval> out;
  bool ok = true;
  for (const auto& item : items) {
    const auto s = string(item);
    if (!s) {
      ok = false;
      continue;
    }
    if (*s == "closed") {
      if (items.size() > 1) {
        error(item.where, item.path, "\"closed\" cannot be combined with opening hours",
              "\"closed\" alone, or hours like \"08:00-20:00\"");
        ok = false;
      }
      continue;
    }
    const auto r = parse_time_range(*s);
    if (!r) {
      error(item.where, item.path, r.error, "hours like \"08:00-20:00\", or \"closed\"");
      ok = false;
      continue;
    }
    out.push_back({r.value->first, r.value->second});
  }
  if (!ok) return std::nullopt;
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.from < b.from; });
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].from < out[i - 1].to) {
      error(f.where, f.path, "opening hours overlap", "ranges that do not overlap");
      return std::nullopt;
    }
  }
  // Touching ranges merge: "00:00-12:00", "12:00-24:00" is open all day.
  std::vector<time_interval> merged;
  for (const auto& i : out) {
    if (!merged.empty() && merged.back().to == i.from)
      merged.back().to = i.to;
    else
      merged.push_back(i);
  }
  return merged;
}

namespace {
bool valid_id(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}
}  // namespace

std::vector<entry> toml_access::id_entries(const field& f) {
  std::vector<entry> out;
  if (!f.node) return out;
  const auto* t = f.node->as_table();
  if (!t) {
    type_error(f, "a table of ids");
    return out;
  }
  for (auto&& [k, v] : *t) {
    entry e;
    e.id = std::string(k.str());
    e.path = child(f.path, e.id);
    e.where = where(k, v);
    if (!valid_id(e.id)) {
      error(e.where, e.path, fmt::format("\"{}\" is not a valid id", e.id),
            "letters, digits, '_' and '-', e.g. ru_customs");
      continue;
    }
    e.table = v.as_table();
    if (!e.table) {
      error(e.where, e.path, fmt::format("must be a table, got {}", describe(v)),
            fmt::format("[{}] with its keys below it", join(e.path)));
      continue;
    }
    out.push_back(std::move(e));
  }
  // File order (toml++ keeps keys sorted); keys added by --set (no line) come last.
  const auto rank = [](const entry& e) {
    return std::pair{e.where.line > 0 ? e.where.line : INT_MAX, e.where.column};
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const entry& a, const entry& b) { return rank(a) < rank(b); });
  return out;
}

std::vector<entry> toml_access::array_entries(const field& f) {
  std::vector<entry> out;
  if (!f.node) return out;
  const auto* a = f.node->as_array();
  if (!a) {
    type_error(f, "an array of tables");
    return out;
  }
  for (std::size_t i = 0; i < a->size(); ++i) {
    const auto& v = *a->get(i);
    entry e;
    e.id = std::to_string(i);
    e.path = child(f.path, e.id);
    e.where = where(v);
    if (e.where.line == 0 && origins_.count(&v) == 0) e.where = f.where;
    e.table = v.as_table();
    if (!e.table) {
      error(e.where, e.path, fmt::format("must be a table, got {}", describe(v)));
      continue;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace tumen::scenario::detail
