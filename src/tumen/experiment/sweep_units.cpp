// Unit runners on threads, and the choice between threads and MPI (see
// tumen/experiment/sweep_units.hpp).
#include "tumen/experiment/sweep_units.hpp"

#include <fmt/format.h>

#include "tumen/experiment/executor.hpp"
#if TUMEN_WITH_MPI
#include "tumen/experiment/mpi_units.hpp"
#endif

namespace tumen::experiment {

namespace {

class thread_runner final : public unit_runner {
 public:
  explicit thread_runner(int jobs) : executor_(make_executor(jobs)) {}

  void run(const std::vector<std::size_t>& todo, const unit_work& work,
           const unit_done& done) override {
    // A unit's scalars wait in its slot only until `done` has taken them.
    std::vector<std::vector<named_value>> slots(todo.size());
    executor_->run(
        todo.size(), [&](std::size_t i) { slots[i] = work(todo[i]); },
        [&](std::size_t i) {
          auto scalars = std::move(slots[i]);
          slots[i] = {};
          if (done) done(todo[i], std::move(scalars));
        });
  }

  std::string description() const override {
    const int n = executor_->workers();
    return n == 1 ? "serial" : fmt::format("{} threads", n);
  }

 private:
  std::unique_ptr<executor> executor_;
};

}  // namespace

std::unique_ptr<unit_runner> make_thread_runner(int jobs) {
  return std::make_unique<thread_runner>(jobs);
}

std::unique_ptr<unit_runner> make_unit_runner(int jobs) {
#if TUMEN_WITH_MPI
  if (auto mpi = make_mpi_runner()) return mpi;
#endif
  return make_thread_runner(jobs);
}

bool built_with_mpi() {
  return TUMEN_WITH_MPI != 0;
}

}  // namespace tumen::experiment
