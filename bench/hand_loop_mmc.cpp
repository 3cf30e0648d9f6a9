// hand_loop_mmc — the same M/M/c model as examples/mmc.cpp, written as a bare event loop: the
// physical-limit proxy the engine is measured against (bench/compare_mmc.sh).
//
// Nothing but a 4-ary min-heap of (time, kind) pairs, a ring of waiting customers' arrival times,
// a counter of busy servers and the same random generator and transform as the engine example
// (tumen::random::stream, exponential by inversion). No processes, no priorities, no tie-breaking
// counter: ties between an arrival and a departure have probability zero in this model.
// Prints the same JSON line as mmc.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "tumen/random/stream.hpp"

namespace {

struct entry {
  double time;
  int kind;  // 0 arrival, 1 departure
};

class heap4 {
 public:
  bool empty() const { return v_.empty(); }
  void push(entry e) {
    v_.push_back(e);
    std::size_t i = v_.size() - 1;
    while (i > 0) {
      std::size_t p = (i - 1) / 4;
      if (!(e.time < v_[p].time)) break;
      v_[i] = v_[p];
      i = p;
    }
    v_[i] = e;
  }
  entry pop() {
    entry top = v_[0], last = v_.back();
    v_.pop_back();
    std::size_t n = v_.size(), i = 0;
    if (n == 0) return top;
    for (;;) {
      std::size_t c = 4 * i + 1;
      if (c >= n) break;
      std::size_t best = c, end = c + 4 < n ? c + 4 : n;
      for (std::size_t k = c + 1; k < end; ++k)
        if (v_[k].time < v_[best].time) best = k;
      if (!(v_[best].time < last.time)) break;
      v_[i] = v_[best];
      i = best;
    }
    v_[i] = last;
    return top;
  }

 private:
  std::vector<entry> v_;
};

double exponential(tumen::random::stream& s, double mean) {
  return -mean * std::log(s.uniform01_open_low());
}

}  // namespace

int main(int argc, char** argv) {
  double lambda = 0.9, mu = 1.0;
  int servers = 1;
  std::uint64_t customers = 1'000'000, seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* v = argv[i + 1];
    if (flag == "--lambda")
      lambda = std::atof(v);
    else if (flag == "--mu")
      mu = std::atof(v);
    else if (flag == "--servers")
      servers = std::atoi(v);
    else if (flag == "--customers")
      customers = std::strtoull(v, nullptr, 10);
    else if (flag == "--seed")
      seed = std::strtoull(v, nullptr, 10);
    else {
      std::fprintf(stderr, "hand_loop_mmc: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  const auto start = std::chrono::steady_clock::now();
  tumen::random::stream arrivals(seed, 0, "arrivals"), service(seed, 0, "service");
  heap4 cal;
  std::vector<double> ring(1024);
  std::size_t head = 0, tail = 0;  // waiting customers' arrival times
  int busy = 0;
  std::uint64_t generated = 0, served = 0, events = 0, waited = 0;
  double wait_sum = 0, now = 0;
  cal.push({0.0, 0});
  while (!cal.empty()) {
    const entry e = cal.pop();
    now = e.time;
    ++events;
    if (e.kind == 0) {
      ++generated;
      if (busy < servers) {
        ++busy;
        ++waited;
        cal.push({now + exponential(service, 1 / mu), 1});
      } else {
        if (tail - head == ring.size()) {
          std::vector<double> bigger(ring.size() * 2);
          for (std::size_t k = 0; k < ring.size(); ++k) bigger[k] = ring[(head + k) % ring.size()];
          tail -= head;
          head = 0;
          ring.swap(bigger);
        }
        ring[tail++ % ring.size()] = now;
      }
      if (generated < customers) cal.push({now + exponential(arrivals, 1 / lambda), 0});
    } else {
      ++served;
      if (tail != head) {
        wait_sum += now - ring[head++ % ring.size()];
        ++waited;
        cal.push({now + exponential(service, 1 / mu), 1});
      } else {
        --busy;
      }
    }
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "{\"model\":\"M/M/c hand loop\",\"customers\":%llu,\"served\":%llu,\"mean_wait\":%.6g,"
      "\"sim_time\":%.10g,\"events\":%llu,\"wall_s\":%.4f}\n",
      static_cast<unsigned long long>(customers), static_cast<unsigned long long>(served),
      waited ? wait_sum / static_cast<double>(waited) : 0.0, now,
      static_cast<unsigned long long>(events), wall);
  return 0;
}
