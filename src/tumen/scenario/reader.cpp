// The scenario reader: guard → parse → overrides → CSV tables → unknown keys → build and validate
// (see tumen/scenario/reader.hpp). The building lives in scenario_builder.cpp.
#include "tumen/scenario/reader.hpp"

#include <fmt/format.h>
#include <sstream>

#include "tumen/base/error.hpp"
#include "tumen/scenario/detail/csv_tables.hpp"
#include "tumen/scenario/detail/scenario_builder.hpp"
#include "tumen/scenario/detail/text_guard.hpp"
#include "tumen/scenario/detail/toml_access.hpp"
#include "tumen/scenario/key_table.hpp"
#include "tumen/scenario/suggest.hpp"

namespace tumen::scenario {

namespace {

using detail::key_path;
using detail::split_path;
using detail::toml_access;

bool is_index(std::string_view s) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool is_id_map(std::string_view section) {
  for (const char* s :
       {"sides", "classes", "links", "holding", "stages", "yards", "routes", "variants",
        "rail_bridges", "rail_stations", "gauge_change", "train_kinds", "rail_routes"})
    if (section == s) return true;
  return false;
}

// Places a copy of `value` at `path` in the tree, creating tables on the way. Reports (at
// `origin`) paths that run through a value or past the end of an array.
void apply_override(toml::table& root, key_path path, const toml::node& value,
                    const source_location& origin, toml_access& access) {
  if (path.size() == 2 && path[0] == "demand" && path[1] == "scale") path = {"run", "demand_scale"};
  if (!find_key(path)) {
    // Name the first segment that leaves the key table, with a suggestion.
    key_path known;
    for (const auto& segment : path) {
      auto next = detail::child(known, segment);
      if (!find_key(next)) {
        auto msg = fmt::format("there is no key '{}'{}", segment,
                               known.empty() ? std::string{} : " in " + detail::join(known));
        const auto siblings = child_names(known);
        if (auto hint = did_you_mean(segment, siblings); !hint.empty()) msg += "; " + hint;
        std::string valid;
        if (!siblings.empty())
          valid = "keys here: " + list_names(siblings);
        else if (!known.empty())
          valid = detail::join(known) + " is a value: " + detail::join(known) + "=…";
        access.error(origin, path, msg, valid);
        return;
      }
      known = std::move(next);
    }
  }
  toml::node* node = &root;
  for (std::size_t i = 0; i + 1 <= path.size(); ++i) {
    const auto& segment = path[i];
    const bool last = i + 1 == path.size();
    if (auto* t = node->as_table()) {
      if (last) {
        value.visit([&](auto&& v) { t->insert_or_assign(segment, v); });
        access.mark_origin(*t->get(segment), origin);
        return;
      }
      if (!t->contains(segment)) {
        if (i == 1 && is_id_map(path[0])) {
          // A typo must not quietly create a new stage (or class, route …).
          std::vector<std::string> ids;
          for (auto&& [k, v] : *t) ids.emplace_back(k.str());
          auto msg = fmt::format("there is no {} \"{}\" to change", path[0], segment);
          if (auto hint = did_you_mean(segment, ids); !hint.empty()) msg += "; " + hint;
          access.error(origin, path, msg,
                       ids.empty() ? std::string{} : "one of " + list_names(ids));
          return;
        }
        t->insert(segment, toml::table{});
        access.mark_origin(*t->get(segment), origin);
      }
      node = t->get(segment);
    } else if (auto* a = node->as_array()) {
      const key_path here(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(i));
      if (!is_index(segment) || std::stoul(segment) >= a->size()) {
        access.error(
            origin, path,
            fmt::format("{} has {} entr{}; '{}' is not a position in it", detail::join(here),
                        a->size(), a->size() == 1 ? "y" : "ies", segment),
            a->empty() ? std::string("no positions")
                       : fmt::format("a position from 0 to {}", a->size() - 1));
        return;
      }
      const auto index = std::stoul(segment);
      if (last) {
        value.visit(
            [&](auto&& v) { a->replace(a->cbegin() + static_cast<std::ptrdiff_t>(index), v); });
        access.mark_origin(*a->get(index), origin);
        return;
      }
      node = a->get(index);
    } else {
      const key_path here(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(i));
      access.error(origin, path,
                   fmt::format("{} is {}, so it has no key '{}'", detail::join(here),
                               detail::describe(*node), segment));
      return;
    }
  }
}

// The value of `--set path=text`: TOML when the text is one TOML value, else the text itself.
std::optional<toml::table> override_value(const override_spec& o, toml_access& access) {
  diagnostics guard;
  const auto verdict = detail::check_text(o.value, o.origin, o.path, guard);
  if (verdict == detail::text_verdict::not_text || o.value.size() > 65536) {
    if (guard.empty()) access.error({o.origin, 0, 0}, split_path(o.path), "the value is too long");
    access.out().append(guard);
    return std::nullopt;
  }
  toml::table holder;
  // Text toml++ must not see ("Хасан" unquoted) is not TOML: it is taken as a string below.
  if (verdict == detail::text_verdict::ok) {
    try {
      const std::string doc = "v = " + o.value;
      auto parsed = toml::parse(std::string_view(doc), std::string_view("--set"));
      if (parsed.size() == 1 && parsed.contains("v") && !parsed.get("v")->is_date() &&
          !parsed.get("v")->is_time() && !parsed.get("v")->is_date_time())
        return parsed;
    } catch (const toml::parse_error&) {
      // Not a TOML value: taken as a plain string below.
    }
  }
  holder.insert("v", o.value);
  return holder;
}

// Flattens [variants.NAME] into (path, value) pairs. Inline tables ({ dist = … }) and arrays
// are values; other tables (from dotted keys) are walked into.
void flatten(const toml::table& t, key_path prefix, toml_access& access,
             std::vector<std::pair<key_path, const toml::node*>>& out) {
  for (auto&& [k, v] : t) {
    auto path = prefix;
    for (auto& s : split_path(k.str())) path.push_back(std::move(s));
    if (const auto* sub = v.as_table(); sub && !sub->is_inline())
      flatten(*sub, path, access, out);
    else
      out.emplace_back(std::move(path), &v);
  }
}

std::vector<std::string> variants_in(const toml::table& root, toml_access& access) {
  std::vector<std::string> names;
  const auto* v = root.get("variants");
  if (!v || !v->is_table()) return names;
  for (const auto& e : access.id_entries({v, {"variants"}, access.where(*v)}))
    names.push_back(e.id);
  return names;
}

void apply_variant(toml::table& root, const std::string& name, toml_access& access) {
  const auto* variants = root.get("variants");
  const auto names = variants ? variants_in(root, access) : std::vector<std::string>{};
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    auto msg = fmt::format("there is no variant \"{}\"", name);
    if (auto hint = did_you_mean(name, names); !hint.empty()) msg += "; " + hint;
    access.error({"--variant", 0, 0}, {"variants"}, msg,
                 names.empty() ? "this scenario defines no [variants]"
                               : "one of " + list_names(names, names.size()));  // all of them
    return;
  }
  std::vector<std::pair<key_path, const toml::node*>> settings;
  const auto& table = *variants->as_table()->get(name)->as_table();
  flatten(table, {}, access, settings);
  // Copy the values first: applying one may replace nodes another points into.
  std::vector<std::pair<key_path, std::pair<toml::table, source_location>>> copies;
  for (const auto& [path, node] : settings) {
    toml::table holder;
    node->visit([&](auto&& v) { holder.insert("v", v); });
    copies.push_back({path, {std::move(holder), access.where(*node)}});
  }
  for (const auto& [path, value] : copies)
    apply_override(root, path, *value.first.get("v"), value.second, access);
}

// Every key in the tree must match a row of the key table.
void check_keys(const toml::node& node, key_path& path, toml_access& access) {
  if (const auto* t = node.as_table()) {
    for (auto&& [k, v] : *t) {
      path.emplace_back(k.str());
      const auto* spec = find_key(path);
      if (!spec) {
        const key_path parent(path.begin(), path.end() - 1);
        const auto siblings = child_names(parent);
        auto msg = fmt::format("unknown key '{}'", k.str());
        if (auto hint = did_you_mean(k.str(), siblings); !hint.empty()) msg += "; " + hint;
        access.error(access.where(k, v), path, msg,
                     siblings.empty() ? std::string{} : "keys here: " + list_names(siblings, 40));
      } else if (!spec->leaf) {
        check_keys(v, path, access);
      }
      path.pop_back();
    }
  } else if (const auto* a = node.as_array()) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      path.push_back(std::to_string(i));
      const auto* spec = find_key(path);
      if (spec && !spec->leaf) check_keys(*a->get(i), path, access);
      path.pop_back();
    }
  }
}

std::optional<toml::table> parse_toml(std::string_view text, const std::string& file,
                                      diagnostics& out) {
  if (detail::check_text(text, file, "", out) != detail::text_verdict::ok) return std::nullopt;
  try {
    return toml::parse(text, std::string_view(file));
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    out.error({file, static_cast<int>(b.line), static_cast<int>(b.column)}, "",
              fmt::format("TOML syntax: {}", e.description()),
              "TOML 1.0 (https://toml.io); a later problem may be hidden until this one is fixed");
    return std::nullopt;
  }
}

}  // namespace

reading read(std::string_view text, std::string_view source_name,
             const std::vector<override_spec>& overrides,
             const std::optional<std::string>& variant) {
  reading result;
  const std::string file(source_name);
  auto root = parse_toml(text, file, result.problems);
  if (!root) return result;
  toml_access access(file, result.problems);

  if (variant) apply_variant(*root, *variant, access);
  for (const auto& o : overrides) {
    // Paths from parse_override are checked there; check again for callers building specs.
    const auto value = override_value(o, access);
    if (value)
      apply_override(*root, split_path(o.path), *value->get("v"), {o.origin, 0, 0}, access);
  }
  detail::resolve_csv_tables(*root, text, access);
  key_path path;
  check_keys(*root, path, access);

  auto model = detail::build_scenario(*root, access);
  model.source_name = file;
  model.source_text = std::string(text);
  model.variant = variant;
  for (const auto& o : overrides) model.overrides.push_back(o.path + "=" + o.value);
  if (!result.problems.has_errors()) result.model = std::move(model);
  return result;
}

scenario parse(std::string_view text, std::string_view source_name,
               const std::vector<override_spec>& overrides,
               const std::optional<std::string>& variant) {
  auto r = read(text, source_name, overrides, variant);
  if (!r.model) {
    diagnostics errors;
    for (const auto& d : r.problems.items())
      if (d.level == severity::error) errors.add(d);
    throw input_error(std::move(errors));
  }
  return std::move(*r.model);
}

diagnostics check(std::string_view text, std::string_view source_name,
                  const std::vector<override_spec>& overrides,
                  const std::optional<std::string>& variant) {
  return read(text, source_name, overrides, variant).problems;
}

std::string toml_value_of(const override_spec& o) {
  diagnostics ignored;
  toml_access access(o.origin, ignored);
  const auto holder = override_value(o, access);
  if (!holder) return {};
  std::ostringstream value;
  holder->get("v")->visit([&](auto&& v) { value << v; });
  return value.str();
}

std::vector<override_spec> variant_overrides(std::string_view text, std::string_view source_name,
                                             const std::string& variant) {
  diagnostics ignored;
  const std::string file(source_name);
  auto root = parse_toml(text, file, ignored);
  if (!root) return {};
  toml_access access(file, ignored);
  const auto names = variants_in(*root, access);
  if (std::find(names.begin(), names.end(), variant) == names.end()) return {};
  std::vector<std::pair<key_path, const toml::node*>> settings;
  flatten(*root->get("variants")->as_table()->get(variant)->as_table(), {}, access, settings);
  std::vector<override_spec> out;
  for (const auto& [path, node] : settings) {
    std::ostringstream value;
    node->visit([&](auto&& v) { value << v; });
    out.push_back({detail::join(path), value.str(), "[variants." + variant + "]"});
  }
  return out;
}

std::vector<std::string> variant_names(std::string_view text, std::string_view source_name) {
  diagnostics ignored;
  const std::string file(source_name);
  auto root = parse_toml(text, file, ignored);
  if (!root) return {};
  toml_access access(file, ignored);
  return variants_in(*root, access);
}

}  // namespace tumen::scenario
