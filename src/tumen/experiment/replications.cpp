// Many replications of one scenario (see tumen/experiment/replications.hpp).
#include "tumen/experiment/replications.hpp"

#include "tumen/base/stop.hpp"
#include "tumen/model/crossing.hpp"

namespace tumen::experiment {

std::vector<results::replication_result> run_replications(const scenario::scenario& sc,
                                                          std::size_t count, executor& ex,
                                                          const replication_options& options) {
  std::vector<results::replication_result> out(count);
  model::run_options run;
  run.seed = options.seed;
  run.stop = options.stop;
  run.memory_budget = options.memory_budget;
  ex.run(
      count,
      [&](std::size_t i) {
        throw_if_stopped(options.stop);
        if (options.trace && i == options.traced) {
          model::run_options traced = run;
          traced.trace = options.trace;
          out[i] = model::run_replication(sc, options.first + i, traced);
        } else {
          out[i] = model::run_replication(sc, options.first + i, run);
        }
      },
      [&](std::size_t i) {
        if (options.on_done) options.on_done(i, out[i]);
      });
  return out;
}

}  // namespace tumen::experiment
