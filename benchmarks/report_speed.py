"""The panel report's slowest table, the contrasts market by market: the code before and now, side by side in one run.

    .venv/bin/python benchmarks/report_speed.py [--markets 6] [--days 12000] [--reps 1000] [--workers 2]

A synthetic panel (`--markets` markets of `--days` days, the panel's length; three memory/twin pairs, two seeds each,
daily returns with a small planted difference) is tested market by market (`contrasts.market_contrast_table`: the
paired Ledoit–Wolf test, the mean-difference interval, TOST and the seeds per contrast and market, `--reps` bootstrap
replications). Three ways, each timed: the reference (the code before 2026-12-05: one process, BLAS with its own
threads), one process with one BLAS thread, and the markets split over `--workers` processes. On panel-tiny's report
(51 markets x 9 contrasts) this table was 79% of the report's computing, and Politis–White's dot products, each
waiting on a second BLAS thread while a study's workers held the cores, were 63%. All three tables must be equal.
Prints each one's seconds and the ratios to the reference. Nothing else may run on the machine: its times are the
point (run it beside a study to see the busy-machine case).
"""

import argparse
import time

import numpy as np
import pandas as pd

from thesis_rl.contrasts import (
    CONTRAST_COLUMNS,
    EQUIVALENCE_BOUND,
    _adjust,
    _check_bound,
    contrast_row,
    market_contrast_table,
)


def reference(results: pd.DataFrame, pairs: list, kw: dict) -> pd.DataFrame:
    "The code before: each market's contrast_table in one process, BLAS with its own threads."
    parts = {}
    for m, g in results.groupby("market", sort=False):
        g = g.drop(columns="market")
        bound = _check_bound(EQUIVALENCE_BOUND)
        got = [contrast_row(g, x, y, n_contrasts=len(pairs), bound=bound, **kw) for x, y in pairs]
        parts[m] = _adjust(pd.DataFrame(got, columns=CONTRAST_COLUMNS).set_index("contrast"), got, 1 - 0.95)
    return pd.concat(parts, names=["market"])


def main():
    "Build the panel, time the three ways, check their tables are equal, print the ratios."
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--markets", type=int, default=6)
    p.add_argument("--days", type=int, default=12000)
    p.add_argument("--reps", type=int, default=1000)
    p.add_argument("--workers", type=int, default=2)
    a = p.parse_args()

    rng = np.random.default_rng(5)
    days = pd.bdate_range("1975-01-02", periods=a.days)
    pairs = [("m1", "t1"), ("m2", "t2"), ("m3", "t3")]
    rows = []
    for m in range(a.markets):
        market = rng.normal(0.0003, 0.01, a.days)
        for seed in (0, 1):
            for k, (memory, twin) in enumerate(pairs):
                twin_net = 0.6 * market + rng.normal(0, 0.008, a.days)
                memory_net = twin_net + rng.normal(0.0001 * k, 0.004, a.days)
                for name, net in ((memory, memory_net), (twin, twin_net)):
                    rows.append(
                        pd.DataFrame({"date": days, "market": f"x{m}", "strategy": name, "seed": seed, "net": net})
                    )
    results = pd.concat(rows, ignore_index=True)
    contrasts = [f"{m}:{t}" for m, t in pairs]
    kw = dict(reps=a.reps)

    timed = {}
    for name, run in (
        ("reference", lambda: reference(results, pairs, kw)),
        ("one BLAS thread", lambda: market_contrast_table(results, contrasts, **kw)),
        (f"{a.workers} processes", lambda: market_contrast_table(results, contrasts, workers=a.workers, **kw)),
    ):
        t0 = time.perf_counter()
        table = run()
        timed[name] = (time.perf_counter() - t0, table)
    ref_seconds, ref_table = timed["reference"]
    for _, table in timed.values():
        pd.testing.assert_frame_equal(table, ref_table, check_exact=False, rtol=1e-9)
    print(
        f"{a.markets} markets x {a.days:,} days x {len(pairs)} contrasts, 2 seeds, {a.reps} replications (tables equal)"
    )
    for name, (seconds, _) in timed.items():
        print(f"  {name}: {seconds:.1f} s, {ref_seconds / seconds:.2f}x the reference's speed")


if __name__ == "__main__":  # the processes it starts import this file: only the first runs it
    main()
