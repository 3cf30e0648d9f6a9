// `tumen check FILE`: read and validate a scenario without running it; list every problem.
#include <fmt/format.h>
#include <cstdio>

#include "commands.hpp"
#include "scenario_source.hpp"
#include "tumen/base/error.hpp"
#include "tumen/model/offered_load.hpp"
#include "tumen/output/summary.hpp"

namespace tumen::app {

namespace {
struct check_args {
  std::string scenario;
  std::vector<std::string> sets;
  std::optional<std::string> variant;
};

int check(const check_args& a) {
  const auto overrides = parse_overrides(a.sets);
  const auto source = load_scenario_text(a.scenario, overrides);
  auto reading = scenario::read(source.text, source.source_name, overrides, a.variant);
  if (!reading.model) throw input_error(reading.problems);
  std::fputs(reading.problems.to_string().c_str(), stderr);
  const auto& sc = *reading.model;
  fmt::print(
      "{}: ok — \"{}\": {} classes, {} routes, {} links, {} holding areas, {} stages, "
      "{} yards, {} demands, {} closures\n",
      source.source_name, sc.name, sc.classes.size(), sc.routes.size(), sc.links.size(),
      sc.holding.size(), sc.stages.size(), sc.yards.size(), sc.demands.size(), sc.closures.size());
  std::fputs(output::offered_load_text(model::offered_load(sc)).c_str(), stdout);
  return 0;
}
}  // namespace

command add_check_command(CLI::App& app) {
  auto a = std::make_shared<check_args>();
  auto* cmd = app.add_subcommand("check", "Validate a scenario and report every problem");
  cmd->add_option("scenario", a->scenario, "scenario file or built-in name")->required();
  cmd->add_option("--set", a->sets, "override a scenario value: key.path=value (repeatable)");
  cmd->add_option("--variant", a->variant, "apply a named [variants.NAME] of the scenario");
  return [a] { return check(*a); };
}

}  // namespace tumen::app
