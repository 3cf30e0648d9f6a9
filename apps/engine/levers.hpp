// The levers of a scenario: what the workbench page offers as controls, each with the exact
// `--set` key path that changes it (the page sends its changes as --set overrides, so a lever
// changes the scenario the way the command line would). docs/workbench-engine.md lists the fields:
//
//   run       days, warm-up (days), demand scale, seed
//   variants  the [variants.NAME] tables, in file order
//   stages    lanes (one key for a stage of one lane group serving every class, else one per
//             group), the lanes open by hour of day, opening hours
//   yards     bays and opening hours
//   booking   each demand with booked arrivals: its slots per hour, tolerance and no-show share
//
//   nlohmann::json l = tumen::engine::levers(sc, text, "scenario.toml");
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/scenario/reader.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::engine {

// `sc` is `text` as read with `overrides` and `variant`. The text is read once more, to learn
// which stages write their lanes as lane groups (`lanes = [ { count = … } ]`) rather than one
// number: only those take `stages.<id>.lanes.<n>.count`.
nlohmann::json levers(const scenario::scenario& sc, std::string_view text,
                      std::string_view source_name,
                      const std::vector<scenario::override_spec>& overrides = {},
                      const std::optional<std::string>& variant = {});

}  // namespace tumen::engine
