// "Did you mean …?": the closest known word to a misspelt one.
//
// Used for unknown keys, unknown ids and unknown variant names:
//
//   closest("lane", {"lanes", "queue", "service"})  → "lanes"
//   did_you_mean("lane", {"lanes", "queue"})        → "did you mean 'lanes'?"
//
// Closeness is the optimal-string-alignment edit distance (insertions, deletions,
// substitutions and swaps of neighbours), case-insensitive. A word further than about a third
// of its length from every candidate has no suggestion.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tumen::scenario {

std::size_t edit_distance(std::string_view a, std::string_view b);

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

// "did you mean 'x'?" or an empty string when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// "'a', 'b' or 'c'" (at most `limit` names, then "…").
std::string list_names(const std::vector<std::string>& names, std::size_t limit = 12);

}  // namespace tumen::scenario
