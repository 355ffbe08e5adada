#!/usr/bin/env python3
"""Start-up plus one short message: `civicguard filter` in text mode with the bundled rules, run many times.

Usage: bench-startup.py BINARY [RUNS]

Prints the median, minimum and maximum wall time and the peak resident set size, twice: once reading the
rules from a rule snapshot (the usual case after the first run) and once from their YAML (`--no-cache`).
The snapshot directory and the review store are scratch directories, removed afterwards.
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

MESSAGE = "Dank voor uw bericht, we kijken er morgen naar.".encode()


def measure(binary, runs, environment, extra):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([binary, "filter", *extra], input=MESSAGE, stdout=subprocess.DEVNULL,
                                env=environment)
        times.append((time.perf_counter() - start) * 1000)
        if result.returncode != 0:
            sys.exit(f"civicguard filter exited {result.returncode}")
    return times


def peak_kilobytes(binary, environment, extra):
    # ru_maxrss of the children is the largest of any child so far, so measure in a fresh child.
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], input=%r, stdout=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)" % MESSAGE)
    output = subprocess.run([sys.executable, "-c", code, binary, "filter", *extra], env=environment,
                            capture_output=True, check=True)
    return int(output.stdout)


def main():
    binary = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 41
    scratch = tempfile.mkdtemp(prefix="civicguard-startup-")
    try:
        environment = dict(os.environ, CIVICGUARD_CACHE=scratch + "/cache",
                           CIVICGUARD_STORE=scratch + "/review.sqlite")
        for label, extra in (("rule snapshot", []), ("YAML (--no-cache)", ["--no-cache"])):
            measure(binary, 3, environment, extra)  # warm the page cache and write the snapshot
            times = measure(binary, runs, environment, extra)
            peak = peak_kilobytes(binary, environment, extra)
            print(f"{label:18} median {statistics.median(times):5.1f} ms, min {min(times):5.1f}, "
                  f"max {max(times):5.1f} over {runs} runs; peak RSS {peak / 1024:.1f} MB")
    finally:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
