// Reading a page's request (see request.hpp).
#include "request.hpp"

#include "tumen/base/error.hpp"
#include "tumen/scenario/reader.hpp"

namespace tumen::engine {

namespace {

using json = nlohmann::json;

[[noreturn]] void wrong(const std::string& field, const std::string& valid) {
  throw input_error("request." + field, "has the wrong type", valid);
}

// A whole number ≥ 0 that fits 64 bits: JSON numbers above 2^53 lose digits in JavaScript, so
// a seed may also come as a string of digits.
std::uint64_t whole(const json& v, const std::string& field) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer() && v.get<std::int64_t>() >= 0) return v.get<std::uint64_t>();
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    std::uint64_t out = 0;
    bool ok = !s.empty() && s.size() <= 20;
    for (char c : s) {
      if (c < '0' || c > '9') ok = false;
      const auto d = static_cast<std::uint64_t>(c - '0');
      if (ok && out > (UINT64_MAX - d) / 10) ok = false;
      if (ok) out = out * 10 + d;
    }
    if (ok) return out;
  }
  wrong(field, "a whole number from 0 to 18446744073709551615 (or that number as a string)");
}

}  // namespace

json parse_json(std::string_view text, const std::string& what) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw input_error(what, std::string("is not JSON: ") + e.what());
  }
}

request parse_request(std::string_view json_text) {
  const json j = json_text.empty() ? json::object() : parse_json(json_text, "request");
  if (!j.is_object()) throw input_error("request", "must be a JSON object");
  request r;
  auto has = [&](const char* k) { return j.contains(k) && !j[k].is_null(); };
  if (has("variant")) {
    if (!j["variant"].is_string()) wrong("variant", "a variant's name, or null");
    r.variant = j["variant"].get<std::string>();
  }
  if (has("set")) {
    if (!j["set"].is_array()) wrong("set", "an array of \"key.path=value\" strings");
    for (const auto& s : j["set"]) {
      if (!s.is_string()) wrong("set", "an array of \"key.path=value\" strings");
      r.sets.push_back(s.get<std::string>());
    }
  }
  if (has("seed")) r.seed = whole(j["seed"], "seed");
  if (has("replication")) r.replication = whole(j["replication"], "replication");
  if (has("trace")) {
    if (j["trace"].is_array())
      r.trace_rows = j["trace"];
    else if (j["trace"].is_boolean())
      r.trace = j["trace"].get<bool>();
    else
      wrong("trace", "true or false (run_replication), or trace rows (report)");
  }
  if (has("trace_replication")) r.trace_index = whole(j["trace_replication"], "trace_replication");
  if (has("replications")) {
    r.replications = whole(j["replications"], "replications");
    if (r.replications < 1) wrong("replications", "a whole number ≥ 1");
  }
  if (has("source_name")) {
    if (!j["source_name"].is_string()) wrong("source_name", "a file name");
    r.source_name = j["source_name"].get<std::string>();
  }
  if (has("label")) {
    if (!j["label"].is_string()) wrong("label", "a short text, or null");
    r.label = j["label"].get<std::string>();
  }
  return r;
}

std::vector<scenario::override_spec> overrides_of(const request& r) {
  std::vector<scenario::override_spec> overrides;
  diagnostics bad;
  for (const auto& s : r.sets) {
    try {
      overrides.push_back(scenario::parse_override(s));
    } catch (const input_error& e) {
      bad.append(e.problems());
    }
  }
  if (bad.has_errors()) throw input_error(bad);
  return overrides;
}

scenario::scenario read_design(std::string_view text, const request& r) {
  auto reading = scenario::read(text, r.source_name, overrides_of(r), r.variant);
  if (!reading.model) throw input_error(reading.problems);
  return std::move(*reading.model);
}

std::uint64_t seed_of(const request& r, const scenario::scenario& sc) {
  return r.seed.value_or(sc.run.seed);
}

}  // namespace tumen::engine
