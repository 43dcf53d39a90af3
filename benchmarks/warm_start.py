"""Warm starts against training from scratch: wall time and the planted patterns' Sharpe, side by side in one run.

    .venv/bin/python benchmarks/warm_start.py [--days 3000] [--architectures lstm,mlp] [--seeds 0]

A panel of planted synthetic markets (thesis_rl.data.synthetic_prices: two trends and two mean reversions, each with
its own seed; the patterns 18_planted checks one market at a time) over `--days` days, expanding folds of 500 days
and then yearly test blocks of 252 days, every sequence model pooled over the markets with the panel profile's budget
per fit (lstm.epoch_samples, max_epochs, validation_max_rows). The same study runs twice, with lstm.warm_start off
(each fold's model from scratch) and on (each fold continues from the previous fold's model), in fresh run folders.
Printed per architecture: the study's wall time for each, their ratio, and the mean over markets of the out-of-sample
Sharpe ratio (seeds averaged day by day) with and without the warm start, next to buy-and-hold's.
"""

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from thesis_rl.metrics import performance_table
from thesis_rl.walkforward import run_study

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--days", type=int, default=3000)
p.add_argument("--architectures", default="lstm,mlp")
p.add_argument("--seeds", default="0")
a = p.parse_args()
markets = [
    "synthetic:trend?seed=11",
    "synthetic:trend?seed=12",
    "synthetic:mean_reversion?seed=13",
    "synthetic:mean_reversion?seed=14",
]
budget = {
    k: v
    for k, v in __import__("thesis_rl.config", fromlist=["load_settings"]).load_settings("panel").lstm.items()
    if k in ("batch_size", "max_epochs", "patience", "epoch_samples", "validation_max_rows")
}
root = Path(tempfile.mkdtemp(prefix="warm-start-"))
print(f"{len(markets)} planted markets x {a.days} days; budget per fit {budget}; seeds {a.seeds}", flush=True)
try:
    for arch in a.architectures.split(","):
        out = {}
        for warm in (False, True):
            o = {
                "data.source": markets,
                "data.synthetic_days": a.days,
                "features.feature_set": "price",
                "walkforward.strategies": ["buy_and_hold", arch],
                "study.contrasts": [],
                "walkforward.initial": 500,
                "walkforward.test": 252,
                "walkforward.total": 0,
                "walkforward.pooling": "pooled",
                "walkforward.n_workers": 1,
                "walkforward.seeds": [int(s) for s in a.seeds.split(",")],
                "report.ledger": "",
                **{f"lstm.{k}": v for k, v in budget.items()},
                "lstm.warm_start": warm,
            }
            t0 = time.perf_counter()
            res = run_study("smoke", o, folder=root / f"{arch}-{'warm' if warm else 'cold'}", progress=False)
            seconds = time.perf_counter() - t0
            sharpe = performance_table(res, by=["market", "strategy"])["sharpe"].unstack("strategy").astype(float)
            out[warm] = (seconds, sharpe[arch].mean(), sharpe["buy_and_hold"].mean(), res["fold"].nunique())
        (cs, csr, bh, folds), (ws, wsr, _, _) = out[False], out[True]
        print(
            f"{arch:12s} {folds} folds  from scratch {cs:6.1f} s, Sharpe {csr:+.2f}  |  "
            f"warm start {ws:6.1f} s, Sharpe {wsr:+.2f}  |  time ratio warm/scratch {ws / cs:.2f}  |  "
            f"buy-and-hold Sharpe {bh:+.2f}  (means over the {len(markets)} markets)",
            flush=True,
        )
finally:
    shutil.rmtree(root, ignore_errors=True)
