"""The M/M/1 queue as a course author writes it in SimPy, timed.

`cargo xtask bench` runs this in target/tools/simpy-venv beside the same
model in our engine (`native --mm1`): one server, Poisson arrivals at 70 a
second, exponential service at 100 a second, no network, for the same
simulated time. It prints requests served, wall-clock seconds and their
mean time in system, which queueing theory puts at 1/(mu - lambda) = 33.3 ms.

    python bench/simpy_mm1.py SIMULATED_SECONDS
"""
import json
import random
import sys
import time

import simpy

ARRIVALS_PER_S = 70.0
SERVICE_PER_S = 100.0


def main():
    horizon = float(sys.argv[1])
    rng = random.Random(1)
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    served = [0, 0.0]  # requests, their total time in system (s)

    def request(env):
        arrived = env.now
        with server.request() as turn:
            yield turn
            yield env.timeout(rng.expovariate(SERVICE_PER_S))
        served[0] += 1
        served[1] += env.now - arrived

    def clients(env):
        while True:
            yield env.timeout(rng.expovariate(ARRIVALS_PER_S))
            env.process(request(env))

    env.process(clients(env))
    start = time.perf_counter()
    env.run(until=horizon)
    wall = time.perf_counter() - start
    print(json.dumps({
        "simpy_requests": served[0],
        "simpy_s": wall,
        "simpy_mean_ms": 1000.0 * served[1] / served[0],
        "simpy_version": simpy.__version__,
    }))


if __name__ == "__main__":
    main()
