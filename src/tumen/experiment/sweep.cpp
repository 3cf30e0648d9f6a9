// Sweep grids, plans and units (see tumen/experiment/sweep.hpp).
#include "tumen/experiment/sweep.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>

#include "detail/text.hpp"
#include "tumen/base/error.hpp"
#include "tumen/base/stop.hpp"
#include "tumen/model/crossing.hpp"
#include "tumen/results/checks.hpp"

namespace tumen::experiment {

namespace {

const source_location vary_origin{"--vary", 0, 0};
const char* const vary_shape =
    "key.path=v1,v2,… or key.path=start:stop:step, e.g. stages.ru_xray.lanes=1,2,3 or "
    "demand.scale=0.5:2:0.25";

using detail::trim;

// `demand.scale` is an alias of `run.demand_scale` (see reader.hpp): one key, one name.
std::string canonical_key(std::string_view key) {
  return key == "demand.scale" ? std::string("run.demand_scale") : std::string(key);
}

bool integral_text(std::string_view s) {
  return s.find_first_of(".eE") == std::string_view::npos;
}

// Splits at commas that are not inside (), [], {} or quotes.
std::vector<std::string_view> split_top_level(std::string_view s) {
  std::vector<std::string_view> out;
  int depth = 0;
  char quote = 0;
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quote) {
      if (c == '\\' && quote == '"' && i + 1 < s.size())
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ',' && depth == 0) {
      out.push_back(trim(s.substr(from, i - from)));
      from = i + 1;
    }
  }
  out.push_back(trim(s.substr(from)));
  return out;
}

// "a:b:c" where every part is a number: a range (or a malformed one).
std::optional<std::vector<std::string_view>> numeric_colon_parts(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t from = 0;
  for (;;) {
    const auto colon = s.find(':', from);
    parts.push_back(trim(s.substr(from, colon == std::string_view::npos ? colon : colon - from)));
    if (colon == std::string_view::npos) break;
    from = colon + 1;
  }
  if (parts.size() < 2) return std::nullopt;
  for (const auto p : parts)
    if (!detail::parse_number(p)) return std::nullopt;
  return parts;
}

std::string format_grid_value(double v, bool integral) {
  if (integral) return fmt::format("{}", static_cast<long long>(std::llround(v)));
  auto text = fmt::format("{:.12g}", v);  // 0.1 + 2 × 0.1 prints as 0.3
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";  // stays a TOML float
  return text;
}

[[noreturn]] void fail(std::string key, std::string message) {
  diagnostics d;
  d.error(vary_origin, std::move(key), std::move(message), vary_shape);
  throw input_error(std::move(d));
}

std::vector<std::string> range_values(const std::string& key, std::string_view text,
                                      const std::vector<std::string_view>& parts) {
  if (parts.size() != 3)
    fail(key, fmt::format("\"{}\" is not a range: a range is start:stop:step", text));
  const double start = *detail::parse_number(parts[0]), stop = *detail::parse_number(parts[1]),
               step = *detail::parse_number(parts[2]);
  if (!(step > 0)) fail(key, fmt::format("the step of \"{}\" must be greater than 0", text));
  if (stop < start)
    fail(key,
         fmt::format("the range \"{}\" ends ({}) before it starts ({})", text, parts[1], parts[0]));
  const double span = (stop - start) / step;
  if (span + 1 > static_cast<double>(max_sweep_points))
    fail(key, fmt::format("the range \"{}\" has {:.0f} values, more than the {} a sweep may have",
                          text, std::floor(span + 1e-6) + 1, max_sweep_points));
  const auto count = static_cast<std::size_t>(std::floor(span + 1e-6)) + 1;
  const bool integral =
      integral_text(parts[0]) && integral_text(parts[1]) && integral_text(parts[2]);
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    double v = start + static_cast<double>(i) * step;
    if (i + 1 == count && std::abs(v - stop) <= 1e-6 * step) v = stop;  // the inclusive end
    out.push_back(format_grid_value(v, integral));
  }
  return out;
}

}  // namespace

sweep_variable parse_variable(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos) fail("", fmt::format("\"{}\" has no '='", text));
  const auto key = std::string(trim(text.substr(0, eq)));
  const auto values = trim(text.substr(eq + 1));
  // The key must be a key path as --set takes it.
  try {
    (void)scenario::parse_override(key + "=0");
  } catch (const input_error&) {
    fail(key, key.empty() ? fmt::format("\"{}\" has no key path before '='", text)
                          : fmt::format("\"{}\" is not a key path: use names and positions "
                                        "separated by dots",
                                        key));
  }
  if (values.empty()) fail(key, "has no values after '='");

  sweep_variable v{key, {}};
  const auto items = split_top_level(values);
  if (items.size() == 1) {
    if (auto parts = numeric_colon_parts(items[0])) {
      v.values = range_values(key, values, *parts);
      return v;
    }
  }
  std::set<std::string_view> seen;
  for (const auto item : items) {
    if (item.empty()) fail(key, fmt::format("\"{}\" has an empty value between commas", values));
    if (numeric_colon_parts(item))
      fail(key, fmt::format("\"{}\": a range start:stop:step cannot be part of a list", item));
    if (!seen.insert(item).second) fail(key, fmt::format("the value {} is listed twice", item));
    v.values.emplace_back(item);
  }
  return v;
}

std::vector<sweep_variable> parse_vary(const std::vector<std::string>& texts) {
  std::vector<sweep_variable> out;
  diagnostics all;
  std::map<std::string, std::string> keys;  // canonical → as given
  for (const auto& t : texts) {
    try {
      auto v = parse_variable(t);
      const auto [it, fresh] = keys.emplace(canonical_key(v.key), v.key);
      if (!fresh)
        all.error(vary_origin, v.key,
                  it->second == v.key
                      ? "is varied twice"
                      : fmt::format("is varied twice (as {} and {})", it->second, v.key),
                  "one --vary per key, listing all its values");
      else
        out.push_back(std::move(v));
    } catch (const input_error& e) {
      all.append(e.problems());
    }
  }
  if (all.has_errors()) throw input_error(all);
  return out;
}

std::string design_point::label() const {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += v.path + "=" + v.value;
  }
  return out;
}

std::vector<design_point> full_grid(const std::vector<sweep_variable>& variables) {
  std::size_t total = 1;
  for (const auto& v : variables) {
    if (v.values.empty()) throw input_error(v.key, "has no values", vary_shape);
    if (total > max_sweep_points / v.values.size()) {
      std::string sizes;
      for (const auto& w : variables)
        sizes += (sizes.empty() ? "" : " × ") + std::to_string(w.values.size());
      throw input_error(
          "--vary",
          fmt::format("the grid ({} values) has more than {} points", sizes, max_sweep_points),
          "fewer values, or several smaller sweeps");
    }
    total *= v.values.size();
  }
  std::vector<design_point> out;
  out.reserve(total);
  for (std::size_t i = 0; i < total; ++i) {
    design_point p;
    // Mixed radix, the last variable fastest.
    std::size_t rest = i;
    p.values.resize(variables.size());
    for (std::size_t j = variables.size(); j-- > 0;) {
      const auto& v = variables[j];
      p.values[j] = {v.key, v.values[rest % v.values.size()]};
      rest /= v.values.size();
    }
    out.push_back(std::move(p));
  }
  return out;
}

sweep_plan::sweep_plan(sweep_definition definition) : def_(std::move(definition)) {
  if (def_.replications == 0) throw input_error("-r", "a sweep needs at least one replication");
  diagnostics problems;
  std::set<std::string> varied;
  for (const auto& v : def_.variables) varied.insert(canonical_key(v.key));
  for (const auto& s : def_.sets)
    if (varied.count(canonical_key(s.path)))
      problems.error({"--set", 0, 0}, s.path, "is both --set and --vary",
                     "give the key's values with --vary only");
  if (problems.has_errors()) throw input_error(problems);

  points_ = full_grid(def_.variables);
  scenarios_.reserve(points_.size());

  // A problem found at many points (a typo in the file, a bad --set) is reported once.
  struct seen_problem {
    diagnostic d;
    std::vector<std::size_t> points;
  };
  std::vector<seen_problem> errors;
  std::map<std::string, std::size_t> error_index;
  std::set<std::string> warned;
  for (std::size_t p = 0; p < points_.size(); ++p) {
    auto overrides = def_.sets;
    overrides.insert(overrides.end(), points_[p].values.begin(), points_[p].values.end());
    auto reading =
        scenario::read(def_.scenario_text, def_.scenario_source, overrides, def_.variant);
    for (auto d : reading.problems.items()) {
      // The reader names every command-line value "--set": say "--vary" for the point's own.
      if (d.where.file == "--set" && varied.count(canonical_key(d.key_path)))
        d.where.file = "--vary";
      const auto text = format(d);
      if (d.level == severity::warning) {
        if (warned.insert(text).second) warnings_.add(std::move(d));
        continue;
      }
      auto [it, fresh] = error_index.emplace(text, errors.size());
      if (fresh) errors.push_back({std::move(d), {}});
      errors[it->second].points.push_back(p);
    }
    if (reading.model) scenarios_.push_back(std::move(*reading.model));
  }
  if (!errors.empty()) {
    for (auto& e : errors) {
      if (points_.size() > 1 && e.points.size() < points_.size()) {
        const auto first = e.points.front();
        e.d.message +=
            e.points.size() == 1
                ? fmt::format(" (at point {}: {})", first, points_[first].label())
                : fmt::format(" (at {} of {} points, first at point {}: {})", e.points.size(),
                              points_.size(), first, points_[first].label());
      }
      problems.add(std::move(e.d));
    }
    throw input_error(problems);
  }
}

sweep_unit sweep_plan::unit_at(std::size_t u) const {
  return {u / def_.replications, def_.first_replication + u % def_.replications};
}

std::size_t sweep_plan::unit_index(std::size_t point, std::uint64_t replication) const {
  return point * def_.replications + static_cast<std::size_t>(replication - def_.first_replication);
}

std::uint64_t sweep_plan::seed_at(std::size_t point) const {
  return def_.seed.value_or(scenarios_[point].run.seed);
}

std::string sweep_plan::design_key() const {
  std::string out = "tumen design 1\n";
  out += fmt::format("replications {}\nfirst_replication {}\n", def_.replications,
                     def_.first_replication);
  out += def_.seed ? fmt::format("seed {}\n", *def_.seed) : std::string("seed scenario\n");
  out += def_.variant ? "variant " + *def_.variant + "\n" : std::string("variant none\n");
  // Designs recorded before the budget could be set have no line for it: the default adds none.
  if (def_.memory_budget != model::run_options::default_memory_budget)
    out += fmt::format("memory_budget {}\n", def_.memory_budget);
  for (const auto& s : def_.sets) out += "set " + s.path + " = " + s.value + "\n";
  for (const auto& v : def_.variables) {
    out += "vary " + v.key + "\n";
    for (const auto& value : v.values) out += "  = " + value + "\n";
  }
  return out;
}

std::vector<named_value> sweep_plan::run_unit(std::size_t u, const std::atomic<bool>* stop) const {
  throw_if_stopped(stop);
  const auto unit = unit_at(u);
  model::run_options options;
  options.seed = def_.seed;
  options.stop = stop;
  options.memory_budget = def_.memory_budget;
  const auto r = model::run_replication(scenarios_[unit.point], unit.replication, options);
  const auto problems = results::conservation_problems(r);
  if (!problems.empty())
    throw tumen::runtime_error(fmt::format("internal check failed at point {} replication {}: {}",
                                           unit.point, unit.replication, problems.front()));
  return scalars(r, true);
}

void check_metric_names(const scenario::scenario& sc, const std::vector<std::string>& names) {
  // A result with the scenario's stages, holding areas and yards and no figures reports every
  // name of those elements and every headline name. Flows (which depend on what happens:
  // transfers, empty trucks) and rail figures are checked only as far as their ids go; a name
  // that passes but is never reported shows as "-" in the sweep's table.
  results::replication_result skeleton;
  for (const auto& s : sc.stages) skeleton.stages.emplace_back().id = s.id;
  for (const auto& h : sc.holding) skeleton.holding.emplace_back().id = h.id;
  for (const auto& y : sc.yards) skeleton.yards.emplace_back().id = y.id;
  diagnostics problems;
  for (const auto& name : names) {
    const auto family = name.substr(0, name.find('.'));
    if (family == "rail") continue;
    if (family == "flow") {
      std::vector<std::string> parts;
      for (std::size_t from = 0;;) {
        const auto dot = name.find('.', from);
        parts.push_back(name.substr(from, dot == std::string::npos ? dot : dot - from));
        if (dot == std::string::npos) break;
        from = dot + 1;
      }
      if (parts.size() < 5 || !sc.find_route(parts[1]) || !sc.find_class(parts[2]))
        problems.error({"--metrics", 0, 0}, name, "is not a flow metric of this scenario",
                       "flow.<route>.<class>.<demand|transfer|empty>.<figure>, e.g. "
                       "flow.<route>.<class>.demand.cleared");
      continue;
    }
    try {
      (void)metric(skeleton, name);
    } catch (const input_error& e) {
      for (auto d : e.problems().items()) {
        d.where.file = "--metrics";
        d.key_path = name;
        problems.add(std::move(d));
      }
    }
  }
  if (problems.has_errors()) throw input_error(problems);
}

}  // namespace tumen::experiment
