"""The M/M/c model of examples/mmc.cpp in SimPy 3, for bench/compare_mmc.sh.

Run with Debian's interpreter (python3-simpy3 is importable only there):
    /usr/bin/python3 bench/mmc_simpy.py --lambda 0.9 --mu 1 --servers 1 --customers 200000
Prints the same JSON line as mmc.
"""
import argparse
import json
import random
import time

import simpy


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lambda", dest="lam", type=float, default=0.9)
    ap.add_argument("--mu", type=float, default=1.0)
    ap.add_argument("--servers", type=int, default=1)
    ap.add_argument("--customers", type=int, default=200000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()

    start = time.perf_counter()
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=a.servers)
    arrivals, service = random.Random(a.seed), random.Random(a.seed + 1)
    stats = {"served": 0, "wait_sum": 0.0}

    def customer():
        arrived = env.now
        with servers.request() as req:
            yield req
            stats["wait_sum"] += env.now - arrived
            yield env.timeout(service.expovariate(a.mu))
        stats["served"] += 1

    def source():
        for _ in range(a.customers):
            env.process(customer())
            yield env.timeout(arrivals.expovariate(a.lam))

    env.process(source())
    env.run()
    wall = time.perf_counter() - start
    print(json.dumps({"model": "M/M/c SimPy", "customers": a.customers, "served": stats["served"],
                      "mean_wait": stats["wait_sum"] / max(stats["served"], 1),
                      "sim_time": env.now, "wall_s": round(wall, 4)}))


if __name__ == "__main__":
    main()
