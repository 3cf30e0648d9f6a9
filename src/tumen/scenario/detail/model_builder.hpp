// Building the `scenario` structs from a parsed (and overridden) TOML tree, checking every
// value and every cross-reference on the way. Problems go to the toml_access's diagnostics; the
// returned scenario is only meaningful when there were no errors.
#pragma once

#include "tumen/scenario/detail/toml_access.hpp"
#include "tumen/scenario/scenario.hpp"

namespace tumen::scenario::detail {

scenario build_model(const toml::table& root, toml_access& access);

}  // namespace tumen::scenario::detail
