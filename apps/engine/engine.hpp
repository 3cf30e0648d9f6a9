// The browser engine's five calls (docs/workbench-engine.md): what the workbench page asks of
// tumen, each taking and returning JSON text. bindings.cpp hands them to JavaScript through
// embind; they are plain C++ so that they read as the native commands they mirror:
//
//   check            `tumen check`: every diagnostic, and the levers the page offers
//   check_design     the same with a request's variant and overrides (`tumen check --variant …`)
//   run_replication  `tumen run --seed S --replication K`: the replication's named scalars (those
//                    the results database stores), and its trace when asked
//   report           `tumen run -r N --report`: the report document of replications already run
//   compare          `tumen compare`: the report document of two designs, paired by replication
//   version          the program's version
//
// Bad input (a scenario with errors, a malformed request) throws tumen::input_error or
// nlohmann::json::exception; bindings.cpp turns every exception into {"error": …}.
//
//   std::string out = tumen::engine::run_replication(toml, R"({"seed": 7, "replication": 0})");
#pragma once

#include <string>
#include <string_view>

namespace tumen::engine {

std::string check(std::string_view text);
std::string check_design(std::string_view text, std::string_view request);
std::string run_replication(std::string_view text, std::string_view request);
std::string report(std::string_view text, std::string_view request, std::string_view replications);
std::string compare(std::string_view text_a, std::string_view request_a,
                    std::string_view replications_a, std::string_view text_b,
                    std::string_view request_b, std::string_view replications_b);
std::string version();

}  // namespace tumen::engine
