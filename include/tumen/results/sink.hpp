// Where results go: the narrow interface between the layers that compute figures and the layer
// that writes them (terminal table, JSON, CSV, SQLite). Nothing below the output layer knows a
// file format; a sink receives plain data and decides how to render it.
//
//   class my_sink : public tumen::results::sink {
//     void replication(const replication_result& r) override { ... }
//   };
#pragma once

#include "tumen/results/replication_result.hpp"

namespace tumen::results {

class sink {
 public:
  virtual ~sink() = default;
  // One finished replication.
  virtual void replication(const replication_result& r) = 0;
  // No more results will come; flush and finish (write files atomically here).
  virtual void finish() {}
};

}  // namespace tumen::results
