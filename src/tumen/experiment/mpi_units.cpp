// The MPI unit runner (see tumen/experiment/mpi_units.hpp for the protocol).
#include "tumen/experiment/mpi_units.hpp"

#include <mpi.h>

#include <fmt/format.h>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "tumen/base/error.hpp"

namespace tumen::experiment {

namespace {

enum message_tag : int { work_tag = 1, stop_tag = 2, result_tag = 3, failed_tag = 4 };

// How this process was started: by an MPI launcher with more than one rank (yes), not by one or
// with one rank (no), or by a launcher that does not say the size before MPI_Init (maybe).
enum class launch { no, yes, maybe };

launch how_launched() {
  // OpenMPI's mpirun, MPICH's hydra and Slurm's PMI2 publish the size of the job.
  for (const char* size : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (const char* v = std::getenv(size)) return std::atoi(v) > 1 ? launch::yes : launch::no;
  // PMIx (srun --mpi=pmix) publishes the rank only.
  if (std::getenv("PMIX_RANK") || std::getenv("PMI_RANK")) return launch::maybe;
  return launch::no;
}

class bytes_out {
 public:
  template <class T>
  void put(const T& v) {
    const auto at = buf_.size();
    buf_.resize(at + sizeof(T));
    std::memcpy(buf_.data() + at, &v, sizeof(T));
  }
  void text(const std::string& s) {
    put(static_cast<std::uint32_t>(s.size()));
    buf_.insert(buf_.end(), s.begin(), s.end());
  }
  const std::vector<char>& data() const { return buf_; }

 private:
  std::vector<char> buf_;
};

class bytes_in {
 public:
  explicit bytes_in(const std::vector<char>& buf) : buf_(buf) {}
  template <class T>
  T get() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, buf_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return v;
  }
  std::string text() {
    const auto n = get<std::uint32_t>();
    need(n);
    std::string s(buf_.data() + at_, n);
    at_ += n;
    return s;
  }

 private:
  void need(std::size_t n) const {
    if (buf_.size() - at_ < n)
      throw tumen::runtime_error("MPI: a message from a rank is truncated");
  }
  const std::vector<char>& buf_;
  std::size_t at_ = 0;
};

// Receives the next message from `source` (or any) into `buf`; returns its status.
MPI_Status receive(int source, std::vector<char>& buf) {
  MPI_Status st;
  MPI_Probe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
  int count = 0;
  MPI_Get_count(&st, MPI_BYTE, &count);
  buf.resize(static_cast<std::size_t>(count));
  MPI_Recv(buf.data(), count, MPI_BYTE, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return st;
}

void send(int to, message_tag tag, const std::vector<char>& buf) {
  MPI_Send(buf.data(), static_cast<int>(buf.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

class mpi_runner final : public unit_runner {
 public:
  mpi_runner() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    // Rank 0 computes in a second thread only when MPI allows threads beside the one calling it.
    local_thread_ = provided >= MPI_THREAD_FUNNELED || size_ == 1;
  }

  ~mpi_runner() override {
    // Rank 0 failed between agreeing to start and dealing: the workers wait in run() for work.
    if (rank_ == 0 && ready_ && !released_)
      for (int w = 1; w < size_; ++w) send(w, stop_tag, {});
    MPI_Finalize();
  }

  bool writer() const override { return rank_ == 0; }

  bool all_ready(bool ready) override {
    int in = ready ? 1 : 0, out = 0;
    MPI_Allreduce(&in, &out, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    ready_ = out != 0;
    return ready_;
  }

  std::string description() const override { return fmt::format("{} MPI ranks", size_); }

  void run(const std::vector<std::size_t>& todo, const unit_work& work,
           const unit_done& done) override {
    if (rank_ == 0)
      deal(todo, work, done);
    else
      serve(work);
  }

 private:
  // Rank 0: deal units to workers and to a local thread; receive and hand results to `done`.
  void deal(const std::vector<std::size_t>& todo, const unit_work& work, const unit_done& done) {
    std::mutex m;
    std::size_t next = 0;
    bool stopping = false;
    std::exception_ptr failure;
    std::deque<std::pair<std::size_t, std::vector<named_value>>> local_results;
    std::atomic<bool> local_finished{!local_thread_};

    auto take = [&]() -> std::optional<std::size_t> {
      std::lock_guard lock(m);
      if (stopping || next == todo.size()) return std::nullopt;
      return todo[next++];
    };
    auto fail = [&](std::exception_ptr e) {
      std::lock_guard lock(m);
      if (!failure) failure = std::move(e);
      stopping = true;
    };
    auto deliver = [&](std::size_t unit, std::vector<named_value>&& scalars) {
      {
        std::lock_guard lock(m);
        if (failure) return;  // after a failure, results are no longer written
      }
      try {
        done(unit, std::move(scalars));
      } catch (...) {
        fail(std::current_exception());
      }
    };

    std::thread local;
    if (local_thread_)
      local = std::thread([&] {
        while (const auto unit = take()) {
          try {
            auto scalars = work(*unit);
            std::lock_guard lock(m);
            local_results.emplace_back(*unit, std::move(scalars));
          } catch (...) {
            fail(std::current_exception());
          }
        }
        local_finished = true;
      });

    int outstanding = 0;
    auto deal_to = [&](int worker) {
      if (const auto unit = take()) {
        bytes_out msg;
        msg.put(static_cast<std::uint64_t>(*unit));
        send(worker, work_tag, msg.data());
        ++outstanding;
      } else {
        send(worker, stop_tag, {});
      }
    };
    for (int w = 1; w < size_; ++w) deal_to(w);

    std::vector<char> buf;
    auto drain_local = [&] {
      std::deque<std::pair<std::size_t, std::vector<named_value>>> batch;
      {
        std::lock_guard lock(m);
        batch.swap(local_results);
      }
      for (auto& [unit, scalars] : batch) deliver(unit, std::move(scalars));
      return !batch.empty();
    };
    while (outstanding > 0 || !local_finished) {
      bool busy = false;
      int flag = 0;
      MPI_Status st;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
      if (flag) {
        busy = true;
        const auto got = receive(st.MPI_SOURCE, buf);
        --outstanding;
        try {
          bytes_in in(buf);
          const auto unit = static_cast<std::size_t>(in.get<std::uint64_t>());
          if (got.MPI_TAG == result_tag) {
            std::vector<named_value> scalars(in.get<std::uint32_t>());
            for (auto& [name, value] : scalars) {
              name = in.text();
              value = in.get<double>();
            }
            deliver(unit, std::move(scalars));
          } else {
            throw tumen::runtime_error(fmt::format("MPI rank {}: {}", got.MPI_SOURCE, in.text()));
          }
        } catch (...) {
          fail(std::current_exception());
        }
        deal_to(got.MPI_SOURCE);
      }
      busy = drain_local() || busy;
      if (!busy) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    if (local.joinable()) local.join();
    drain_local();
    released_ = true;
    if (failure) std::rethrow_exception(failure);
  }

  // Other ranks: compute what rank 0 deals until it says stop.
  void serve(const unit_work& work) {
    std::vector<char> buf;
    for (;;) {
      const auto st = receive(0, buf);
      if (st.MPI_TAG == stop_tag) return;
      bytes_in in(buf);
      const auto unit = in.get<std::uint64_t>();
      bytes_out out;
      out.put(unit);
      try {
        const auto scalars = work(static_cast<std::size_t>(unit));
        out.put(static_cast<std::uint32_t>(scalars.size()));
        for (const auto& [name, value] : scalars) {
          out.text(name);
          out.put(value);
        }
        send(0, result_tag, out.data());
      } catch (const std::exception& e) {
        report_failure(unit, e.what());
      } catch (...) {
        report_failure(unit, "unknown error");
      }
    }
  }

  static void report_failure(std::uint64_t unit, const std::string& what) {
    bytes_out failed;
    failed.put(unit);
    failed.text(what);
    send(0, failed_tag, failed.data());
  }

  int rank_ = 0, size_ = 1;
  bool local_thread_ = true;
  bool ready_ = false, released_ = false;
};

}  // namespace

std::unique_ptr<unit_runner> make_mpi_runner() {
  const auto how = how_launched();
  if (how == launch::no) return nullptr;
  return std::make_unique<mpi_runner>();
}

}  // namespace tumen::experiment
