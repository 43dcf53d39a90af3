"""The agents' memory check: RecurrentPPO against PPO, both observing 5 days, on the planted `memory` market and null.

    .venv/bin/python benchmarks/agent_memory_check.py [--seeds 5] [--first-seed 0] [--markets 16] [--steps 491520]
        [--set k=v ...] [--out NAME] [--with NAME ...]

The panel's pair `recurrent_ppo_w5 : ppo_w5` (08_rl), built from the panel profile's settings (seed002's network on its
throughput schedule against PPO's widened twin; the day's return only, `features.feature_set = returns`, and the account
columns zeroed, `env.observe_account = False`), so that once the shock announcing a regime (01_data's `memory`: regimes
of ~100 days) is more than 5 days old, only the LSTM state can still know it. Each seed: --markets planted markets
(18_planted's `planted_fold`: 3,000 days, 2,000 to train on), both agents fitted once, pooled over them, for --steps
environment steps, then every market traded in one batched pass (`trades_pooled`). Per agent and market: the net and
gross Sharpe ratios, the state correlation (the agent's action preference against the hidden regime sign: what it
learned) and turnover; then the paired differences over seeds, RecurrentPPO minus PPO, with whether each lies beyond two
standard errors. On `memory_null` (the same shocks, no drift) there is nothing to find. With --out NAME the rows
(agent x market x seed x pattern) go to reports/lessons/agent_memory_check/NAME.parquet, the command, commit and wall
time to NAME.json, both written atomically. A long check can run in parts: --first-seed 1 --seeds 4 runs seeds 1-4, and
--with NAME adds the stored rows of an earlier part to the tables (refused unless it ran the same markets, steps and
--set, and other seeds).
"""

import argparse
import json
import sys
import time

import numpy as np
import pandas as pd

from thesis_rl.backtest import net_sharpe
from thesis_rl.config import (
    atomic_write_json,
    atomic_write_parquet,
    git_commit,
    load_settings,
    project_root,
    set_seed,
    set_torch_threads,
)
from thesis_rl.planted import paired_difference, planted_fold
from thesis_rl.study import make_strategy

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--seeds", type=int, default=5)
p.add_argument("--first-seed", type=int, default=0, help="the first seed (seeds first .. first + seeds - 1)")
p.add_argument("--markets", type=int, default=16)
p.add_argument(
    "--steps", type=int, default=491520, help="environment steps per fit (default: twice the panel's 245,760)"
)
p.add_argument(
    "--set", nargs="*", default=[], help="settings overrides section.key=value, as thesis-rl --set takes them"
)
p.add_argument("--out", default="", help="store the rows as reports/lessons/agent_memory_check/NAME.parquet")
p.add_argument("--with", dest="parts", nargs="*", default=[], help="stored rows (NAME) of other seeds to add")
args = p.parse_args()
where = project_root() / "reports" / "lessons" / "agent_memory_check"
design = {"markets": args.markets, "steps": args.steps, "set": args.set}
earlier = []
for name in args.parts:  # before any training: a part of another design is refused at once
    meta = json.loads((where / f"{name}.json").read_text())
    ran = meta.get("design") or {}
    if ran != design:
        sys.exit(f"--with {name}: it ran {ran or meta['command']}, not {design}; add only parts of the same design")
    earlier.append(pd.read_parquet(where / f"{name}.parquet"))
    if clash := sorted(set(earlier[-1]["seed"]) & set(range(args.first_seed, args.first_seed + args.seeds))):
        sys.exit(f"--with {name}: it holds seeds {clash}, which this run would run again; a part adds other seeds")
# the account columns zeroed (env.observe_account = False): an agent's own position and unrealised return would be a
# memory of its past decisions that the 5-day PPO twin has too
overrides = [
    f"ppo.total_timesteps={args.steps}",
    f"recurrent_ppo.total_timesteps={args.steps}",
    "env.observe_account=False",
    *args.set,
]
settings = load_settings("panel", overrides)
set_torch_threads(1)
c, agents = settings.costs, ("recurrent_ppo_w5", "ppo_w5")

t0, rows = time.perf_counter(), []
for pattern in ("memory", "memory_null"):
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        folds = {f"m{k}": planted_fold(pattern, seed * 100 + k) for k in range(args.markets)}
        for name in agents:
            set_seed(seed)
            started = time.perf_counter()
            agent = make_strategy(name, settings).fit_pooled({m: f[0] for m, f in folds.items()}, seed)
            seconds = time.perf_counter() - started
            trades = agent.trades_pooled({m: f[:3] for m, f in folds.items()})
            for m, (_, test, _, hidden) in folds.items():
                pos, score = trades[m]["position"], trades[m]["score"].to_numpy()
                sign = hidden.loc[test.index].to_numpy()
                state = float(np.corrcoef(score, sign)[0, 1]) if np.ptp(score) > 0 and np.ptp(sign) > 0 else np.nan
                rows.append(
                    {
                        "pattern": pattern,
                        "seed": seed,
                        "agent": name,
                        "market": m,
                        "Sharpe net": net_sharpe(pos, test.forward_returns, c.cost_bps, c.slippage_bps, undefined=0.0),
                        "Sharpe gross": net_sharpe(pos, test.forward_returns, 0.0, 0.0, undefined=0.0),
                        "state corr": state,
                        "turnover": float(pos.diff().abs().mean()),
                        "fit seconds": seconds,
                    }
                )
        print(f"{pattern} seed {seed}: {time.perf_counter() - t0:.0f} s", flush=True)
rows = pd.DataFrame(rows)
mine = rows.copy()
if args.out:  # this run's own rows only: its parts stay in their own files; stored before the summary, so that
    # nothing in the summary can lose a run of an hour
    atomic_write_parquet(where / f"{args.out}.parquet", mine, index=False)
    atomic_write_json(
        where / f"{args.out}.json",
        {
            "command": " ".join(sys.argv),
            "design": design,
            "git": git_commit(),
            "wall_seconds": round(time.perf_counter() - t0),
        },
    )
    print(f"stored in {where / args.out}.parquet")
if earlier:
    rows = pd.concat([*earlier, rows], ignore_index=True)
columns = ["Sharpe net", "Sharpe gross", "state corr", "turnover", "fit seconds"]
print(rows.groupby(["pattern", "agent"])[columns].mean().round(3).to_string())
for col in ("Sharpe net", "Sharpe gross", "state corr"):
    by_seed = rows.groupby(["pattern", "seed", "agent"])[col].mean().unstack("agent")
    table = pd.DataFrame(
        {q: paired_difference(by_seed.loc[q, agents[0]], by_seed.loc[q, agents[1]]) for q in ("memory", "memory_null")}
    ).T.assign(beyond_2_se=lambda t: t["difference"].abs() > 2 * t["SE"])
    print(f"\n{col}: {agents[0]} - {agents[1]}, paired over seeds\n{table.round(3).to_string()}")
print(
    f"\nwall {time.perf_counter() - t0:.0f} s; {args.markets} markets, {args.steps:,} steps a fit; "
    f"overrides {overrides}"
)
