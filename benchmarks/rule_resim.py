"""A finished run's books re-simulated from their stored scores with a centred sign rule, beside the books it traded.

    .venv/bin/python benchmarks/rule_resim.py --run panel-1206b-control [--window 0] [--reps 200]

Every learned strategy trades the sign of its score through a dead band tuned on its validation tail (04_backtest's
`tune_rule`). A score that is almost always positive (a model that predicts the markets' average drift plus a small
timing signal) then holds the book long or flat and seldom short: what the network knows of the timing is partly lost
in the rule. This asks how much, with no refit: each book's position becomes the sign of its score less the median of
its own scores so far in the fold (causal: day t's score and the fold's earlier ones, which the same fit made; a refit's
scale is its own), or of its last `--window` scores, and its skill is computed as the contrasts compute it
(13_contrasts' `skill_adjusted`: the gross return less the book's mean position x its market's return, before costs:
costs are not the question here).
Printed side by side: each strategy's mean skill over its books (market x seed) as traded and re-simulated, then the
run's pre-registered contrasts between strategies with scores, pooled on skill as the report pools them
(`pooled_contrast_table`, Holm over those contrasts), as traded and re-simulated.

It is a diagnosis of the trading rule, not a strategy. The first centre tried (2026-12-06) was a quarter's median
(`--window 63`): on the planted `memory` markets it took every model's skill to about zero (cnn_lstm_seq 0.29 traded,
-0.03 centred), because a regime lasts ~100 days and a quarter's median follows it, removing the very level the score
carries. The centre must be slower than what is timed; the default (`--window 0`) is the fold's expanding median,
chosen for that reason and not tuned further.
"""
# thesis-rl bench: skip: it reads a finished run (--run)

import argparse

import numpy as np
import pandas as pd

from thesis_rl.backtest import sharpe
from thesis_rl.contrasts import pooled_contrast_table, skill_adjusted
from thesis_rl.report import load_run

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--run", required=True, help="a finished panel run in reports/ (results with scores)")
p.add_argument("--window", type=int, default=0, help="days of the rolling median (0: the fold's scores so far)")
p.add_argument("--reps", type=int, default=200, help="bootstrap replications of each contrast")
a = p.parse_args()
if a.window == 1 or a.window < 0:
    raise SystemExit(f"--window {a.window}: 0 (the fold's scores so far) or at least 2 days")

run = load_run(a.run)
if "market" not in run.results:
    raise SystemExit(f"run {a.run}: one market; this reads a panel run (results with a `market` column)")
columns = ["date", "market", "strategy", "seed", "fold", "position", "gross", "forward_return", "score"]
results = run.results[columns]
scored = results.groupby("strategy")["score"].apply(lambda s: s.notna().any() and s.std() > 0)
results = results[results["strategy"].isin(scored.index[scored])].sort_values(["strategy", "market", "seed", "date"])
book = ["strategy", "market", "seed", "fold"]
roll = (lambda s: s.expanding().median()) if a.window == 0 else (lambda s: s.rolling(a.window, min_periods=1).median())
centre = results.groupby(book, sort=False)["score"].transform(roll)
resim = results.assign(position=np.sign(results["score"] - centre).fillna(0.0))
resim["gross"] = resim["position"] * resim["forward_return"]
sides = {"traded": results, "centred": resim}

skill = {name: skill_adjusted(rows) for name, rows in sides.items()}
books = {
    name: rows.groupby(["strategy", "market", "seed"])["net"].apply(lambda r: sharpe(r)) for name, rows in skill.items()
}
table = pd.DataFrame({f"skill, {name}": b.groupby(level="strategy").mean() for name, b in books.items()})
table["se, centred"] = books["centred"].groupby(level="strategy").sem()
table["days short, traded"] = results.groupby("strategy")["position"].apply(lambda s: (s < 0).mean())
table["days short, centred"] = resim.groupby("strategy")["position"].apply(lambda s: (s < 0).mean())
what = "the fold's median so far" if a.window == 0 else f"its {a.window}-day median"
print(f"run {a.run}: skill per book (market x seed), mean over the books; centred: sign(score - {what})")
print(table.round(3).to_string())

settings = run.manifest.get("settings") or {}
contrasts = [c if isinstance(c, str) else ":".join(c) for c in settings.get("study", {}).get("contrasts", [])]
contrasts = [c for c in contrasts if set(c.split(":")) <= set(scored.index[scored])]
if contrasts and a.reps > 0:
    for name, rows in skill.items():
        t = pooled_contrast_table(rows, contrasts, reps=a.reps)
        print(f"\nrun {a.run}: contrasts on skill, {name} (Holm over these {len(contrasts)})")
        print(t[["diff", "ci_low", "ci_high", "holm_p_value", "mde_holm"]].round(3).to_string())
