"""18_planted's memory check, run alone: lstm_seq against its 20-day twin on the planted `memory` market and its null.

    .venv/bin/python benchmarks/memory_check.py [--seeds 5] [--markets 8] [--set lstm.min_epochs=40 ...]

The same code as the notebook's slow cell (`planted.memory_check`, `paired_difference`), with the per-seed table and the
paired differences of the net and gross Sharpe ratios and of the state correlation (what each model learned). With
--store it writes both where the slow cell does, reports/lessons/18_planted/memory_check.parquet (the paired verdict,
one row per measure and pattern) and memory_check_rows.parquet (every model, market and seed), each with a .json naming
the commit and this command.
"""

import argparse
import json
import os
import sys
import time

import pandas as pd

from thesis_rl.planted import memory_check, paired_difference, store

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--seeds", type=int, default=5)
p.add_argument("--markets", type=int, default=8)
p.add_argument("--set", nargs="*", default=[], help="settings overrides key=value (values parsed as JSON)")
p.add_argument("--store", action="store_true", help="write the tables to reports/lessons/18_planted/")
args = p.parse_args()
overrides = {}
for item in args.set:
    key, _, value = item.partition("=")
    try:
        overrides[key] = json.loads(value)
    except json.JSONDecodeError:
        overrides[key] = value

t0 = time.perf_counter()
rows = []
for pattern in ("memory", "memory_null"):
    for seed in range(args.seeds):
        rows.append(memory_check(pattern, seed, n_markets=args.markets, overrides=overrides))
        print(f"{pattern} seed {seed}: {time.perf_counter() - t0:.0f} s", flush=True)
rows = pd.concat(rows)
columns = [
    "Sharpe net",
    "Sharpe gross",
    "state corr",
    "position corr",
    "share flat",
    "turnover",
    "fit seconds",
    "labels drawn",
]
print(rows.groupby(["pattern", "model"])[columns].mean().round(3).to_string())
paired = {}
for col in ("Sharpe net", "Sharpe gross", "state corr"):
    by_seed = rows.groupby(["pattern", "seed", "model"])[col].mean().unstack("model")
    for pattern in ("memory", "memory_null"):
        paired[(col, pattern)] = paired_difference(by_seed.loc[pattern, "lstm_seq"], by_seed.loc[pattern, "lstm"])
verdict = (  # the slow cell's table: lstm_seq - lstm paired over the seeds, per measure and pattern
    pd.DataFrame(paired)
    .T.rename_axis(["measure", "pattern"])
    .assign(beyond_2_se=lambda t: t["difference"].abs() > 2 * t["SE"])
)
print(f"\nlstm_seq - lstm, paired over seeds\n{verdict.round(3).to_string()}")
if args.store:
    os.environ["LESSON_COMMAND"] = "benchmarks/memory_check.py " + " ".join(sys.argv[1:])
    store(verdict.reset_index(), "memory_check")
    store(rows.reset_index(drop=True), "memory_check_rows")
print(f"\nwall {time.perf_counter() - t0:.0f} s; overrides {overrides or 'none'}")
