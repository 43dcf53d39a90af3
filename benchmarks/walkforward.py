"""Walk-forward study speed: the same study with 1 and with 2 local workers, side by side, and a cached re-run.

    python benchmarks/walkforward.py [--profile quick] [--set section.key=value ...]

Prints the wall time of each run, the speed-up of 2 workers over 1 (target on a 2-core machine: >= 1.6x),
the time of a re-run whose tasks are all cached (target: < 30 s), and the peak resident memory of the
largest process (target: < 4 GB). Both studies must give identical results: the benchmark checks it.
"""

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from thesis_rl.walkforward import run_study


def timed_run(profile, overrides, folder):
    start = time.perf_counter()
    results = run_study(profile, overrides, folder=folder, progress=False)
    return time.perf_counter() - start, results


def peak_rss_gb() -> float:
    "Largest resident set of this process or any finished child, in GB (Linux reports KiB)."
    kib = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    return kib / 1024**2


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--profile", default="quick")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="SECTION.KEY=VALUE")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as d:
        times, results = {}, {}
        for workers in (1, 2):
            over = args.overrides + [f"walkforward.n_workers={workers}"]
            times[workers], results[workers] = timed_run(args.profile, over, Path(d) / f"w{workers}")
            print(
                f"{args.profile} study, {workers} worker(s): {times[workers]:.1f} s "
                f"({len(results[workers])} result rows)",
                flush=True,
            )
        pd.testing.assert_frame_equal(results[1], results[2])
        cached, _ = timed_run(args.profile, args.overrides + ["walkforward.n_workers=2"], Path(d) / "w2")
    print(f"speed-up of 2 workers over 1: {times[1] / times[2]:.2f}x (target >= 1.6x)")
    print(f"re-run with every task cached: {cached:.1f} s (target < 30 s)")
    print(f"peak resident memory of one process: {peak_rss_gb():.2f} GB (target < 4 GB)")


if __name__ == "__main__":
    sys.exit(main())
