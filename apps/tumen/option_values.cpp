// Values that are really options (see option_values.hpp).
#include "option_values.hpp"

#include <set>
#include <string>

namespace tumen::app {

namespace {

// "--json" or "-o" for every name of every option of `cmd`.
std::set<std::string> option_names(CLI::App& cmd) {
  std::set<std::string> names;
  for (const auto* opt : cmd.get_options()) {
    for (const auto& l : opt->get_lnames()) names.insert("--" + l);
    for (const auto& s : opt->get_snames()) names.insert("-" + s);
  }
  return names;
}

void guard(CLI::App& cmd) {
  const auto names = option_names(cmd);
  for (auto* opt : cmd.get_options()) {
    if (opt->get_type_size_max() == 0 || (opt->get_lnames().empty() && opt->get_snames().empty()))
      continue;  // a flag, or a positional (CLI11 never hands those an option)
    const std::string own = opt->get_name();
    opt->check(CLI::Validator(
        [names, own](std::string& value) -> std::string {
          if (names.count(value) == 0 && value.rfind("--", 0) != 0) return {};
          return "\"" + value + "\" is an option, not a value: " + own +
                 " needs its own value first";
        },
        "", "not an option"));
  }
  for (auto* sub : cmd.get_subcommands([](CLI::App*) { return true; })) guard(*sub);
}

}  // namespace

void refuse_options_as_values(CLI::App& app) {
  guard(app);
}

}  // namespace tumen::app
