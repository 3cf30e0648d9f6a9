// Tracing: one record per vehicle per stage (or yard) visit, for replay and analysis.
//
// The model (tumen::model::run_replication) calls a trace_observer, if one is given in its
// run_options, each time a vehicle leaves a stage or yard (served, abandoned) and each time a
// trip ends. Trains on a rail line go to train_visit instead (mode = "rail"), which does nothing
// unless the observer wants them, so an observer written for road vehicles never sees a train.
// The records are plain results data: the observer decides what to do with them (the output
// layer writes CSV, without knowing the model); the model never touches files.
//
//   struct counter : tumen::results::trace_observer {
//     void visit(const tumen::results::visit_record& v) override { ++n; }
//     int n = 0;
//   };
#pragma once

#include <cstdint>
#include <string_view>

#include "tumen/base/time.hpp"

namespace tumen::results {

struct visit_record {
  std::uint64_t vehicle = 0;
  std::string_view vehicle_class;
  std::string_view route;    // the direction of travel
  std::string_view element;  // stage or yard id
  int lane = -1;             // index of the lane (or bay group) used; -1 if none
  sim_time queue_join = 0;
  sim_time service_start = 0;  // = queue_join + wait; equals the leave time if abandoned
  sim_time service_end = 0;
  std::string_view
      outcome;  // served | abandoned | transferred; trains: inspected | crossed | gauge_changed
  // "road" for a vehicle; "rail" for a train (then vehicle is the train's number, vehicle_class
  // its kind, route its rail route, element a rail station, bridge or gauge-change yard).
  std::string_view mode = "road";
};

class trace_observer {
 public:
  virtual ~trace_observer() = default;
  virtual void visit(const visit_record& v) = 0;
  // A train leaving a rail station (inspected), a rail bridge (crossed) or a gauge-change yard
  // (gauge_changed); for a bridge, service_start/service_end are when it entered and left it.
  virtual void train_visit(const visit_record&) {}
};

}  // namespace tumen::results
