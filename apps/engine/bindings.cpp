// The browser engine's JavaScript interface: the calls of engine.hpp through embind, as
// createTumenEngine() exposes them (docs/workbench-engine.md). Every argument and result is a
// string of JSON, and nothing throws into JavaScript: an exception becomes
//
//   {"error": "what went wrong", "diagnostics": [ …located problems, when there are any… ]}
//
//   const engine = await createTumenEngine();
//   const out = JSON.parse(engine.run_replication(toml, JSON.stringify({seed: 7})));
#include <emscripten/bind.h>

#include <exception>
#include <nlohmann/json.hpp>
#include <string>

#include "engine.hpp"
#include "tumen/base/error.hpp"

namespace {

using nlohmann::json;

std::string failure(const std::string& message, json diagnostics = json::array()) {
  return json({{"error", message}, {"diagnostics", std::move(diagnostics)}}).dump();
}

// Runs a call, turning every exception into its JSON error.
template <class F>
std::string guarded(F&& call) {
  try {
    return call();
  } catch (const tumen::input_error& e) {
    json list = json::array();
    for (const auto& d : e.problems().items())
      list.push_back({{"file", d.where.file},
                      {"line", d.where.line},
                      {"column", d.where.column},
                      {"severity", d.level == tumen::severity::error ? "error" : "warning"},
                      {"key", d.key_path.empty() ? json(nullptr) : json(d.key_path)},
                      {"message", d.message},
                      {"valid", d.valid.empty() ? json(nullptr) : json(d.valid)},
                      {"text", tumen::format(d)}});
    std::string text = e.problems().to_string();
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return failure(text, std::move(list));
  } catch (const std::exception& e) {
    return failure(e.what());
  } catch (...) {
    return failure("unknown failure");
  }
}

std::string check(const std::string& text) {
  return guarded([&] { return tumen::engine::check(text); });
}

std::string check_design(const std::string& text, const std::string& request) {
  return guarded([&] { return tumen::engine::check_design(text, request); });
}

std::string run_replication(const std::string& text, const std::string& request) {
  return guarded([&] { return tumen::engine::run_replication(text, request); });
}

std::string report(const std::string& text, const std::string& request,
                   const std::string& replications) {
  return guarded([&] { return tumen::engine::report(text, request, replications); });
}

std::string compare(const std::string& text_a, const std::string& request_a,
                    const std::string& replications_a, const std::string& text_b,
                    const std::string& request_b, const std::string& replications_b) {
  return guarded([&] {
    return tumen::engine::compare(text_a, request_a, replications_a, text_b, request_b,
                                  replications_b);
  });
}

std::string version() {
  return guarded([] { return tumen::engine::version(); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(tumen_engine) {
  emscripten::function("check", &check);
  emscripten::function("check_design", &check_design);
  emscripten::function("run_replication", &run_replication);
  emscripten::function("report", &report);
  emscripten::function("compare", &compare);
  emscripten::function("version", &version);
}
