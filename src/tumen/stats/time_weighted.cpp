// Time-weighted level: the cold error path (the updates are inline in the header).
#include "tumen/stats/time_weighted.hpp"

#include <stdexcept>
#include <string>

namespace tumen::stats::detail {

void throw_time_went_back(sim_time now, sim_time latest) {
  throw std::invalid_argument("time-weighted statistic: time " + std::to_string(now) +
                              " s is earlier than the latest change at " + std::to_string(latest) +
                              " s");
}

}  // namespace tumen::stats::detail
