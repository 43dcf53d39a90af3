"""What one pooled fit of each learned strategy costs on the panel's largest fold, and what that makes of the study.

    .venv/bin/python benchmarks/panel_budget.py [--profile panel] [--fold -1] [--strategies lstm,ppo]

Builds the panel's data (timed), then fits each learned strategy once, pooled, on the training rows of every market of
the given fold (default: the last, the largest) with seed 0, and trades every market's test block. Prints each fit's
wall time, the windows or steps it trained on, and the study's estimated worker time (fit time x folds x seeds, an
upper bound: earlier folds are smaller) against the 90-minute goal on the profile's n_workers. Warm starts are not
exercised here (the fit is cold); their budget per fit is the same epoch_samples x max_epochs.
"""

import argparse
import time

from thesis_rl.config import load_settings, set_seed, set_torch_threads
from thesis_rl.rl import RLStrategy
from thesis_rl.study import DETERMINISTIC, fold_parts, make_strategy, study_data

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--profile", default="panel")
p.add_argument("--fold", type=int, default=-1)
p.add_argument("--strategies", default="", help="comma-separated (default: the profile's learned strategies)")
a = p.parse_args()
settings = load_settings(a.profile)
w = settings.walkforward
t0 = time.perf_counter()
panel = study_data(settings)
build = time.perf_counter() - t0
fold = panel.fold_ids[a.fold]
parts = fold_parts(panel, fold)
trains = {m: x[0] for m, x in parts.items()}
print(
    f"panel {a.profile}: {len(panel.markets)} markets, {len(panel.fold_ids)} folds; data built in {build:.0f} s; "
    f"fold {fold}: {sum(len(t) for t in trains.values()):,} training rows, "
    f"{sum(len(x[1]) for x in parts.values()):,} test rows",
    flush=True,
)
names = a.strategies.split(",") if a.strategies else [s for s in w.strategies if s not in DETERMINISTIC]
set_torch_threads(w.torch_threads)
total = 0.0
for name in names:
    s = make_strategy(name, settings)
    set_seed(0)
    t0 = time.perf_counter()
    s.fit_pooled(trains, 0)
    fit = time.perf_counter() - t0
    t0 = time.perf_counter()
    # as the study trades them (10_fitting's task_trades): an agent steps every market in one batched pass (08_rl)
    if not isinstance(s, RLStrategy) or s.trades_pooled(parts) is None:
        for m, (_, test, history) in parts.items():
            s.positions_pooled(m, test, history)
    trade = time.perf_counter() - t0
    n_seeds = 1 if name in DETERMINISTIC else len(w.seeds)
    est = (fit + trade) * len(panel.fold_ids) * n_seeds
    total += est
    print(
        f"{name:14s} fit {fit:6.1f} s  trade {trade:5.1f} s  "
        f"x {len(panel.fold_ids)} folds x {n_seeds} seeds = {est / 60:5.1f} worker-min",
        flush=True,
    )
print(
    f"estimated study (upper bound): {total / 60:.0f} worker-min = "
    f"{total / 60 / max(w.n_workers, 1):.0f} min on {w.n_workers} workers "
    f"(goal: 90 min including the report)"
)
