// tumen_approved: compares the JSON of a `tumen run --json` with its approved copy in
// tests/approved/, and writes approved copies (for scripts/approve.sh).
//
//   tumen_approved check APPROVED.json ACTUAL.json   exit 0 when they agree, 1 with the first
//                                                    differing key paths, 2 on bad input
//   tumen_approved write ACTUAL.json APPROVED.json   (re)writes the approved copy, saying what
//   changed
//
// Both sides are normalised first: the figure that says how the engine got there rather than
// what the crossing did ("events") is dropped, so only behaviour is compared. Numbers agree when
// they differ by at most 1e-9 of their size; everything else must be equal. The approved file is
// written with short objects and every array of numbers on one line, so that it stays readable
// and a change shows as a few changed lines.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

using json = nlohmann::ordered_json;

constexpr double relative_tolerance = 1e-9;
constexpr std::size_t differences_shown = 12;

json read_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  try {
    return json::parse(in);
  } catch (const json::parse_error& e) {
    throw std::runtime_error(path + ": not JSON: " + e.what());
  }
}

json normalised(json j) {
  if (j.is_object()) j.erase("events");
  return j;
}

// ---- writing ----

bool is_scalar(const json& j) {
  return !j.is_object() && !j.is_array();
}

bool all_scalars(const json& j) {
  for (const auto& x : j)
    if (!is_scalar(x)) return false;
  return true;
}

std::string one_line(const json& j) {
  std::string s = j.is_object() ? "{" : "[";
  bool first = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!first) s += ", ";
    first = false;
    if (j.is_object()) {
      s += json(it.key()).dump();
      s += ": ";
    }
    s += it.value().dump();
  }
  s += j.is_object() ? '}' : ']';
  return s;
}

void pretty(const json& j, int indent, std::string& out) {
  if (is_scalar(j) || j.empty()) {
    out += j.dump();
    return;
  }
  if (all_scalars(j)) {
    const std::string line = one_line(j);
    if (j.is_array() || line.size() <= 160) {
      out += line;
      return;
    }
  }
  const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  out += j.is_object() ? "{\n" : "[\n";
  bool first = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!first) out += ",\n";
    first = false;
    out += pad;
    if (j.is_object()) {
      out += json(it.key()).dump();
      out += ": ";
    }
    pretty(it.value(), indent + 2, out);
  }
  out += '\n';
  out.append(static_cast<std::size_t>(indent), ' ');
  out += j.is_object() ? '}' : ']';
}

// ---- comparing ----

struct difference {
  std::string path, approved, actual;
};

// A readable name for element i of an array: its id, or route/class/origin for a flow.
std::string element_name(const json& array, std::size_t i) {
  const auto& e = array[i];
  if (e.is_object()) {
    if (e.contains("id") && e["id"].is_string()) return e["id"].get<std::string>();
    if (e.contains("route") && e.contains("vehicle_class") && e.contains("origin"))
      return e["route"].get<std::string>() + "/" + e["vehicle_class"].get<std::string>() + "/" +
             e["origin"].get<std::string>();
    if (e.contains("element") && e["element"].is_string()) return e["element"].get<std::string>();
  }
  return std::to_string(i);
}

bool numbers_agree(double a, double b) {
  if (a == b) return true;
  if (!std::isfinite(a) || !std::isfinite(b)) return false;
  return std::abs(a - b) <= relative_tolerance * std::max(std::abs(a), std::abs(b));
}

void compare(const json& approved, const json& actual, const std::string& path,
             std::vector<difference>& out) {
  auto differ = [&](const std::string& what_approved, const std::string& what_actual) {
    out.push_back({path.empty() ? "(top)" : path, what_approved, what_actual});
  };
  if (approved.is_number() && actual.is_number()) {
    if (!numbers_agree(approved.get<double>(), actual.get<double>()))
      differ(approved.dump(), actual.dump());
    return;
  }
  if (approved.type() != actual.type()) {
    differ(approved.dump(), actual.dump());
    return;
  }
  if (approved.is_object()) {
    for (auto it = approved.begin(); it != approved.end(); ++it) {
      const std::string p = path.empty() ? it.key() : path + "." + it.key();
      if (!actual.contains(it.key()))
        out.push_back({p, it.value().dump(), "(missing)"});
      else
        compare(it.value(), actual[it.key()], p, out);
    }
    for (auto it = actual.begin(); it != actual.end(); ++it)
      if (!approved.contains(it.key()))
        out.push_back(
            {path.empty() ? it.key() : path + "." + it.key(), "(missing)", it.value().dump()});
    return;
  }
  if (approved.is_array()) {
    if (approved.size() != actual.size()) {
      differ(std::to_string(approved.size()) + " elements",
             std::to_string(actual.size()) + " elements");
      return;
    }
    for (std::size_t i = 0; i < approved.size(); ++i)
      compare(approved[i], actual[i], path + "[" + element_name(approved, i) + "]", out);
    return;
  }
  if (approved != actual) differ(approved.dump(), actual.dump());
}

std::string shorten(std::string s) {
  if (s.size() > 80) {
    s.resize(77);
    s += "...";
  }
  return s;
}

void print_differences(const std::vector<difference>& d, std::FILE* to) {
  for (std::size_t i = 0; i < d.size() && i < differences_shown; ++i)
    std::fprintf(to, "  %s: approved %s, now %s\n", d[i].path.c_str(),
                 shorten(d[i].approved).c_str(), shorten(d[i].actual).c_str());
  if (d.size() > differences_shown)
    std::fprintf(to, "  … and %zu more\n", d.size() - differences_shown);
}

int check(const std::string& approved_path, const std::string& actual_path) {
  std::ifstream probe(approved_path);
  if (!probe) {
    std::fprintf(stderr,
                 "tumen_approved: %s does not exist: there is no approved output for this case "
                 "yet.\nCreate it with scripts/approve.sh and review it before committing.\n",
                 approved_path.c_str());
    return 1;
  }
  const json approved = normalised(read_json(approved_path));
  const json actual = normalised(read_json(actual_path));
  std::vector<difference> d;
  compare(approved, actual, "", d);
  if (d.empty()) {
    std::printf("%s: the run agrees with the approved output\n", approved_path.c_str());
    return 0;
  }
  std::fprintf(stderr,
               "%s: %zu value%s differ from the approved output (numbers compared to a relative "
               "%g):\n",
               approved_path.c_str(), d.size(), d.size() == 1 ? "" : "s", relative_tolerance);
  print_differences(d, stderr);
  std::fprintf(stderr,
               "The model's behaviour changed. If that is intended, refresh every approved file "
               "with\n  scripts/approve.sh [BUILD_DIR]\nand review `git diff tests/approved` "
               "before committing it.\n");
  return 1;
}

int write(const std::string& actual_path, const std::string& approved_path) {
  const json actual = normalised(read_json(actual_path));
  std::string text;
  pretty(actual, 0, text);
  text += "\n";
  std::ifstream old_in(approved_path, std::ios::binary);
  if (old_in) {
    std::vector<difference> d;
    compare(normalised(read_json(approved_path)), actual, "", d);
    if (d.empty()) {
      std::printf("%s: unchanged\n", approved_path.c_str());
      return 0;
    }
    std::printf("%s: %zu value%s changed:\n", approved_path.c_str(), d.size(),
                d.size() == 1 ? "" : "s");
    print_differences(d, stdout);
  } else {
    std::printf("%s: new\n", approved_path.c_str());
  }
  std::ofstream out(approved_path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + approved_path);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 3 && args[0] == "check") return check(args[1], args[2]);
    if (args.size() == 3 && args[0] == "write") return write(args[1], args[2]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tumen_approved: %s\n", e.what());
    return 2;
  }
  std::fprintf(stderr,
               "usage: tumen_approved check APPROVED.json ACTUAL.json\n"
               "       tumen_approved write ACTUAL.json APPROVED.json\n");
  return 2;
}
