// Building distributions from their string and table forms (see distribution_spec.hpp).
//
// Both forms end in the same place: a list of named fields (the string form's positional
// arguments are named by the kind's parameter order) that `build` checks and turns into a
// random::distribution.
#include "tumen/scenario/distribution_spec.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "tumen/scenario/suggest.hpp"

namespace tumen::scenario {

using random::distribution;

const std::vector<distribution_form>& distribution_forms() {
  static const std::vector<distribution_form> forms = {
      {"constant",
       {"const"},
       {"value"},
       "\"45 s\"",
       "{ dist = \"constant\", value = \"45 s\" }",
       "always the same value"},
      {"exponential",
       {"exp"},
       {"mean"},
       "\"exp(mean 5 min)\" or \"exp(5 min)\"",
       "{ dist = \"exponential\", mean = \"5 min\" }",
       "exponential with the given mean"},
      {"uniform",
       {},
       {"low", "high"},
       "\"uniform(1 min, 3 min)\"",
       "{ dist = \"uniform\", low = \"1 min\", high = \"3 min\" }",
       "uniform on [low, high]"},
      {"triangular",
       {"tri"},
       {"low", "mode", "high"},
       "\"tri(1 min, 2 min, 5 min)\"",
       "{ dist = \"triangular\", low = \"1 min\", mode = \"2 min\", high = \"5 min\" }",
       "triangular"},
      {"normal",
       {},
       {"mean", "sd"},
       "\"normal(mean 5 min, sd 1 min)\"",
       "{ dist = \"normal\", mean = \"5 min\", sd = \"1 min\" }",
       "normal, truncated at zero (redrawn while negative)"},
      {"lognormal",
       {},
       {"mean", "cv"},
       "\"lognormal(mean 12 min, cv 0.6)\"",
       "{ dist = \"lognormal\", mean = \"12 min\", cv = 0.6 }",
       "lognormal with the given mean and coefficient of variation"},
      {"gamma",
       {},
       {"mean", "cv"},
       "\"gamma(mean 12 min, cv 0.6)\"",
       "{ dist = \"gamma\", mean = \"12 min\", cv = 0.6 }",
       "gamma with the given mean and coefficient of variation (cv > 0)"},
      {"erlang",
       {},
       {"k", "mean"},
       "\"erlang(k 3, mean 6 min)\"",
       "{ dist = \"erlang\", k = 3, mean = \"6 min\" }",
       "Erlang-k (sum of k exponentials) with the given mean"},
      {"empirical",
       {},
       {"values", "weights"},
       "",
       "{ dist = \"empirical\", values = [\"1 min\", \"5 min\"], weights = [3, 1] }",
       "one of the values, with probability proportional to its weight"},
      {"empirical_cdf",
       {},
       {"values", "cdf"},
       "",
       "{ dist = \"empirical_cdf\", values = [\"1 min\", \"4 min\", \"9 min\"], cdf = [0, 0.8, 1] "
       "}",
       "piecewise-linear CDF through (value, cdf) points, cdf from 0 to 1"},
  };
  return forms;
}

namespace {

using scalar = distribution_field::scalar;

const distribution_form* find_form(std::string_view name) {
  for (const auto& f : distribution_forms()) {
    if (f.name == name) return &f;
    for (auto a : f.aliases)
      if (a == name) return &f;
  }
  return nullptr;
}

std::vector<std::string> form_names() {
  std::vector<std::string> names;
  for (const auto& f : distribution_forms()) {
    names.emplace_back(f.name);
    for (auto a : f.aliases) names.emplace_back(a);
  }
  return names;
}

std::string kinds_list() {
  std::string out;
  for (const auto& f : distribution_forms()) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

dimension parameter_dimension(std::string_view param, dimension d) {
  if (param == "cv" || param == "k" || param == "weights" || param == "cdf")
    return dimension::count;
  return d;
}

// Checks a field, reports problems, and returns it only when it is usable.
class builder {
 public:
  builder(dimension d, const value_origin& origin, diagnostics& out)
      : dim_(d), origin_(origin), out_(out) {}

  void error(const source_location& where, const std::string& sub, std::string message,
             std::string valid = {}) {
    failed_ = true;
    out_.error(where, sub.empty() ? origin_.key_path : origin_.key_path + "." + sub,
               std::move(message), std::move(valid));
  }
  bool failed() const { return failed_; }

  std::optional<double> number(const scalar& v, const source_location& where,
                               const std::string& sub, dimension d) {
    if (const auto* x = std::get_if<double>(&v)) {
      if (d != dimension::count) {
        error(where, sub,
              fmt::format("{} needs a unit, got the bare number {}", dimension_name(d), *x),
              fmt::format("{} like {}", dimension_name(d), dimension_examples(d)));
        return std::nullopt;
      }
      const auto c = check_number(*x);
      if (!c) error(where, sub, c.error);
      return c.value;
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
      const auto q = parse_quantity(*s, d);
      if (!q) error(where, sub, q.error);
      return q.value;
    }
    error(where, sub, "must be a number or a quantity string",
          fmt::format("{} like {}", dimension_name(d), dimension_examples(d)));
    return std::nullopt;
  }

  std::optional<distribution> build(const std::vector<distribution_field>& fields,
                                    const source_location& where) {
    const distribution_field* kind_field = nullptr;
    for (const auto& f : fields)
      if (f.name == "dist") kind_field = &f;
    if (!kind_field) {
      error(where, "", "a distribution table needs a 'dist' key naming its kind",
            "dist = one of " + kinds_list());
      return std::nullopt;
    }
    const auto* kind_name = std::get_if<std::string>(&kind_field->value);
    if (!kind_name) {
      error(kind_field->where, "dist", "must be a string naming the kind of distribution",
            kinds_list());
      return std::nullopt;
    }
    const auto* form = find_form(*kind_name);
    if (!form) {
      auto msg = fmt::format("unknown distribution \"{}\"", *kind_name);
      if (auto s = did_you_mean(*kind_name, form_names()); !s.empty()) msg += "; " + s;
      error(kind_field->where, "dist", msg, kinds_list());
      return std::nullopt;
    }
    // Every field must be known for this kind; each known parameter read once.
    std::vector<std::string> allowed = {"dist", "shift"};
    for (auto p : form->parameters) allowed.emplace_back(p);
    std::vector<const distribution_field*> by_param(form->parameters.size(), nullptr);
    const distribution_field* shift_field = nullptr;
    for (const auto& f : fields) {
      if (f.name == "dist") continue;
      if (f.name == "shift") {
        shift_field = &f;
        continue;
      }
      const auto it = std::find(form->parameters.begin(), form->parameters.end(), f.name);
      if (it == form->parameters.end()) {
        auto msg = fmt::format("'{}' is not a parameter of a {} distribution", f.name, form->name);
        if (auto s = did_you_mean(f.name, allowed); !s.empty()) msg += "; " + s;
        error(f.where, f.name, msg, "parameters: " + list_names(allowed));
        continue;
      }
      by_param[static_cast<std::size_t>(it - form->parameters.begin())] = &f;
    }
    for (std::size_t i = 0; i < by_param.size(); ++i) {
      if (!by_param[i])
        error(where, "",
              fmt::format("a {} distribution needs '{}'", form->name, form->parameters[i]),
              std::string(form->table_example));
    }
    if (failed_) return std::nullopt;

    const auto scalar_param = [&](std::size_t i) -> std::optional<double> {
      const auto& f = *by_param[i];
      const std::string name(form->parameters[i]);
      const auto d = parameter_dimension(name, dim_);
      if (const auto* d1 = std::get_if<double>(&f.value))
        return number(scalar{*d1}, f.where, name, d);
      if (const auto* s1 = std::get_if<std::string>(&f.value))
        return number(scalar{*s1}, f.where, name, d);
      error(f.where, name, "must be a single number or quantity, not a list or table",
            fmt::format("{} like {}", dimension_name(d), dimension_examples(d)));
      return std::nullopt;
    };
    const auto list_param = [&](std::size_t i) -> std::optional<std::vector<double>> {
      const auto& f = *by_param[i];
      const std::string name(form->parameters[i]);
      const auto d = parameter_dimension(name, dim_);
      const auto* list = std::get_if<std::vector<scalar>>(&f.value);
      if (!list || list->empty()) {
        error(f.where, name, "must be a non-empty list", std::string(form->table_example));
        return std::nullopt;
      }
      std::vector<double> xs;
      bool ok = true;
      for (std::size_t k = 0; k < list->size(); ++k) {
        const auto x = number((*list)[k], f.where, name + "." + std::to_string(k), d);
        if (x)
          xs.push_back(*x);
        else
          ok = false;
      }
      if (!ok) return std::nullopt;
      return xs;
    };

    std::optional<distribution> base;
    const std::string kind(form->name);
    const auto p = [&](std::size_t i) { return std::string(form->parameters[i]); };
    try {
      if (kind == "empirical" || kind == "empirical_cdf") {
        const auto xs = list_param(0);
        const auto ps = list_param(1);
        if (!xs || !ps) return std::nullopt;
        if (xs->size() != ps->size()) {
          error(by_param[1]->where, p(1),
                fmt::format("has {} entries but values has {}", ps->size(), xs->size()),
                "one entry per value");
          return std::nullopt;
        }
        if (kind == "empirical") {
          double sum = 0;
          for (double w : *ps) sum += w;
          if (!(sum > 0)) {
            error(by_param[1]->where, p(1), "the weights sum to zero",
                  "weights ≥ 0 with a positive sum");
            return std::nullopt;
          }
          base = distribution::empirical_discrete(*xs, *ps);
        } else {
          bool ok = xs->size() >= 2;
          for (std::size_t k = 1; k < xs->size(); ++k) ok = ok && (*xs)[k] > (*xs)[k - 1];
          if (!ok) {
            error(by_param[0]->where, p(0), "must hold at least two strictly increasing values",
                  std::string(form->table_example));
            return std::nullopt;
          }
          ok = ps->front() == 0.0 && ps->back() == 1.0;
          for (std::size_t k = 1; k < ps->size(); ++k) ok = ok && (*ps)[k] >= (*ps)[k - 1];
          if (!ok) {
            error(by_param[1]->where, p(1), "must rise from 0 to 1 without decreasing",
                  "e.g. cdf = [0, 0.8, 1]");
            return std::nullopt;
          }
          base = distribution::empirical_continuous(*xs, *ps);
        }
      } else {
        std::vector<double> v;
        for (std::size_t i = 0; i < by_param.size(); ++i) {
          const auto x = scalar_param(i);
          if (x) v.push_back(*x);
        }
        if (v.size() != by_param.size()) return std::nullopt;
        const auto positive = [&](std::size_t i) {
          if (v[i] > 0) return true;
          error(by_param[i]->where, p(i), "must be greater than zero");
          return false;
        };
        if (kind == "constant") {
          base = distribution::constant(v[0]);
        } else if (kind == "exponential") {
          if (!positive(0)) return std::nullopt;
          base = distribution::exponential(v[0]);
        } else if (kind == "uniform") {
          if (v[0] > v[1]) {
            error(by_param[1]->where, p(1), "must not be below low", "low ≤ high");
            return std::nullopt;
          }
          base = distribution::uniform(v[0], v[1]);
        } else if (kind == "triangular") {
          if (!(v[0] <= v[1] && v[1] <= v[2] && v[0] < v[2])) {
            error(by_param[1]->where, p(1), "must lie between low and high (and low < high)",
                  "low ≤ mode ≤ high, low < high");
            return std::nullopt;
          }
          base = distribution::triangular(v[0], v[1], v[2]);
        } else if (kind == "normal") {
          base = distribution::truncated_normal(v[0], v[1]);
        } else if (kind == "lognormal") {
          if (!positive(0)) return std::nullopt;
          base = distribution::lognormal(v[0], v[1]);
        } else if (kind == "gamma") {
          if (!positive(0) || !positive(1)) return std::nullopt;
          base = distribution::gamma(v[0], v[1]);
        } else if (kind == "erlang") {
          if (v[0] < 1 || v[0] != std::floor(v[0]) || v[0] > 1000) {
            error(by_param[0]->where, p(0),
                  fmt::format("must be a whole number from 1 to 1000, got {}", v[0]));
            return std::nullopt;
          }
          if (!positive(1)) return std::nullopt;
          base = distribution::erlang(static_cast<int>(v[0]), v[1]);
        }
      }
      if (!base) return std::nullopt;
      if (shift_field) {
        std::optional<double> s;
        if (const auto* d1 = std::get_if<double>(&shift_field->value))
          s = number(scalar{*d1}, shift_field->where, "shift", dim_);
        else if (const auto* s1 = std::get_if<std::string>(&shift_field->value))
          s = number(scalar{*s1}, shift_field->where, "shift", dim_);
        else
          error(shift_field->where, "shift", "must be a single quantity");
        if (!s) return std::nullopt;
        if (*s != 0) base = distribution::shifted(*s, *base);
      }
    } catch (const std::invalid_argument& e) {
      error(where, "", fmt::format("invalid {} distribution: {}", kind, e.what()),
            std::string(form->table_example));
      return std::nullopt;
    }
    return base;
  }

 private:
  dimension dim_;
  const value_origin& origin_;
  diagnostics& out_;
  bool failed_ = false;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_ident_char(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}

// The position of a '+' that joins a shift and a distribution, or npos. A '+' right after an
// exponent marker ("1e+3") belongs to the number.
std::size_t find_plus(std::string_view s) {
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(')
      ++depth;
    else if (s[i] == ')')
      --depth;
    else if (s[i] == '+' && depth == 0 && i > 0) {
      const bool exponent = (s[i - 1] == 'e' || s[i - 1] == 'E') && i > 1 &&
                            (std::isdigit(static_cast<unsigned char>(s[i - 2])) || s[i - 2] == '.');
      if (!exponent) return i;
    }
  }
  return std::string_view::npos;
}

std::string valid_text_forms(dimension d) {
  if (d == dimension::count) return "a number like 2, or e.g. \"uniform(1, 4)\", \"exp(mean 2)\"";
  return fmt::format(
      "{} like {}, or e.g. \"exp(mean 5 min)\", \"lognormal(mean 12 min, cv 0.6)\", "
      "\"10 min + exp(mean 5 min)\"",
      dimension_name(d), dimension_examples(d));
}

// Parses "name(args)" into fields; reports and returns nullopt on syntax errors.
std::optional<std::vector<distribution_field>> parse_call(std::string_view call, dimension d,
                                                          const value_origin& origin,
                                                          diagnostics& out) {
  const auto open = call.find('(');
  const auto fail = [&](std::string message) {
    out.error(origin.where, origin.key_path, std::move(message), valid_text_forms(d));
    return std::nullopt;
  };
  if (open == std::string_view::npos || call.back() != ')')
    return fail(fmt::format("cannot read \"{}\" as a quantity or a distribution", call));
  const std::string name(trim(call.substr(0, open)));
  const auto* form = find_form(name);
  if (!form) {
    auto msg = fmt::format("unknown distribution \"{}\"", name);
    if (auto s = did_you_mean(name, form_names()); !s.empty()) msg += "; " + s;
    return fail(msg);
  }
  if (form->string_example.empty())
    return fail(fmt::format("a {} distribution has no string form; write it as a table: {}",
                            form->name, form->table_example));
  std::vector<distribution_field> fields;
  fields.push_back({"dist", std::string(form->name), origin.where});
  const auto args = call.substr(open + 1, call.size() - open - 2);
  std::size_t position = 0;
  std::size_t from = 0;
  while (from <= args.size()) {
    auto comma = args.find(',', from);
    if (comma == std::string_view::npos) comma = args.size();
    const auto arg = trim(args.substr(from, comma - from));
    from = comma + 1;
    if (arg.empty()) {
      if (args.empty() || trim(args).empty()) break;
      return fail(fmt::format("empty argument in \"{}\"", call));
    }
    std::string param;
    std::string_view value = arg;
    std::size_t k = 0;
    while (k < arg.size() && is_ident_char(arg[k])) ++k;
    if (k > 0 && k < arg.size() && std::isspace(static_cast<unsigned char>(arg[k]))) {
      param = std::string(arg.substr(0, k));
      value = trim(arg.substr(k));
    } else if (k > 0 && k == arg.size()) {
      return fail(fmt::format("argument \"{}\" has no value in \"{}\"", arg, call));
    }
    if (param.empty()) {
      if (position >= form->parameters.size())
        return fail(fmt::format("too many arguments in \"{}\"; {} takes {}", call, form->name,
                                form->parameters.size()));
      param = std::string(form->parameters[position]);
    }
    ++position;
    for (const auto& f : fields)
      if (f.name == param) return fail(fmt::format("'{}' is given twice in \"{}\"", param, call));
    fields.push_back({param, std::string(value), origin.where});
  }
  return fields;
}

}  // namespace

std::optional<distribution> distribution_from_number(double value, dimension d,
                                                     const value_origin& origin, diagnostics& out) {
  builder b(d, origin, out);
  const auto x = b.number(scalar{value}, origin.where, "", d);
  if (!x) return std::nullopt;
  return distribution::constant(*x);
}

std::optional<distribution> distribution_from_table(const std::vector<distribution_field>& fields,
                                                    dimension d, const value_origin& origin,
                                                    diagnostics& out) {
  builder b(d, origin, out);
  return b.build(fields, origin.where);
}

std::optional<distribution> distribution_from_text(std::string_view text, dimension d,
                                                   const value_origin& origin, diagnostics& out) {
  const auto t = trim(text);
  if (t.empty()) {
    out.error(origin.where, origin.key_path, "is empty", valid_text_forms(d));
    return std::nullopt;
  }
  std::string_view shift_text, call = t;
  if (const auto plus = find_plus(t); plus != std::string_view::npos) {
    auto left = trim(t.substr(0, plus));
    auto right = trim(t.substr(plus + 1));
    const bool left_call = left.find('(') != std::string_view::npos;
    const bool right_call = right.find('(') != std::string_view::npos;
    if (left_call == right_call) {
      out.error(
          origin.where, origin.key_path,
          fmt::format("cannot read \"{}\": a sum must be a quantity plus one distribution", text),
          valid_text_forms(d));
      return std::nullopt;
    }
    shift_text = left_call ? right : left;
    call = left_call ? left : right;
  }
  if (call.find('(') == std::string_view::npos && shift_text.empty()) {
    // A plain quantity: a constant.
    builder b(d, origin, out);
    const auto x = b.number(scalar{std::string(call)}, origin.where, "", d);
    if (!x) return std::nullopt;
    return distribution::constant(*x);
  }
  auto fields = parse_call(call, d, origin, out);
  if (!fields) return std::nullopt;
  if (!shift_text.empty()) fields->push_back({"shift", std::string(shift_text), origin.where});
  // Parameter names in the string form are part of the same key (no sub-path); the message
  // names the parameter instead: "'mean' must be greater than zero".
  diagnostics local;
  builder inner(d, origin, local);
  auto result = inner.build(*fields, origin.where);
  for (auto diag : local.items()) {
    if (diag.key_path.size() > origin.key_path.size() + 1) {
      const auto param = diag.key_path.substr(origin.key_path.size() + 1);
      if (!diag.message.starts_with("'" + param + "'"))
        diag.message =
            "'" + param + (diag.message.starts_with("must ") ? "' " : "': ") + diag.message;
    }
    diag.key_path = origin.key_path;  // the string is one value: report at its key
    out.add(std::move(diag));
  }
  return result;
}

}  // namespace tumen::scenario
