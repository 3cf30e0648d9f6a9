// Building the `scenario` structs from a parsed (and overridden) TOML tree, checking every value
// and every cross-reference on the way. Problems go to the toml_access's diagnostics; the
// returned scenario is only meaningful when there were no errors.
//
// The work is split by section (section_readers.hpp) around a shared build_context; the rail
// sections have their own builder (rail_builder.hpp).
#pragma once

#include "tumen/scenario/detail/toml_access.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::scenario::detail {

scenario build_scenario(const toml::table& root, toml_access& access);

}  // namespace tumen::scenario::detail
