"""A finished run read on skill: each strategy's books net, gross and on skill, and the run's contrasts on skill.

    .venv/bin/python benchmarks/run_skill.py --run exp-s-pos [--reps 1000]
    .venv/bin/python benchmarks/run_skill.py --run panel-1205d-control --references

Skill is 13_contrasts' `skill_adjusted` basis: a book's gross return less its mean position × its market's return, what
its positions knew about tomorrow before costs and beyond average exposure. Per strategy: the mean over its books
(market × seed) of the annualised Sharpe ratio net, gross and on skill, the standard error of the skill mean over the
books, and the mean daily turnover; then the run's pre-registered contrasts on skill, pooled as the report pools them
(`pooled_contrast_table`; one market: `contrast_table`). This is how the quick experiments on the panel's planted
markets were read (2026-12-03: runs exp-h20, exp-small, exp-long, exp-s-pos, exp-s-null).

`--references`, on a control run of planted `memory` markets: first what there was to find, 21_ladder's
`control_references` (causal rules on the same test days and costs: the regime known, the last shock however old, the
last shock within 20 days), mean ± se over the markets, so that the models' books below read against them.

`--by-fold`, on a control run: fold by fold (a warm-started chain matures over its folds), 21_ladder's
`control_learning` per strategy (the rank correlation of its score with the planted hidden regime, of its position, its
days long and short, its skill), then each contrast's skill difference by fold, mean ± se over the paired books:

    .venv/bin/python benchmarks/run_skill.py --run panel-1206b-control --by-fold --reps 0
"""
# thesis-rl bench: skip: it reads a finished run (--run)

import argparse

import numpy as np
import pandas as pd

from thesis_rl.backtest import sharpe
from thesis_rl.contrasts import contrast_table, pooled_contrast_table, skill_adjusted
from thesis_rl.report import load_run

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--run", required=True, help="a finished run in reports/")
p.add_argument("--reps", type=int, default=1000, help="bootstrap replications of each contrast (0: no contrast table)")
p.add_argument("--references", action="store_true", help="a control run: the planted markets' reference rules first")
p.add_argument("--by-fold", action="store_true", help="a control run: what each model knew of the regime, by fold")
a = p.parse_args()

run = load_run(a.run)
results = run.results
keys = [k for k in ("strategy", "market", "seed") if k in results]
if a.references:
    from thesis_rl.ladder import control_references, reference_summary

    costs = (run.manifest.get("settings") or {}).get("costs", {})
    refs = control_references(results, float(costs["cost_bps"]), float(costs["slippage_bps"]))
    print(f"run {a.run}: what there was to find, causal rules on its test days (21_ladder), mean over the markets")
    print(reference_summary(refs).round(3).to_string(), end="\n\n")
if a.by_fold:
    from thesis_rl.ladder import LEARNING_MEASURES, control_learning

    learned = control_learning(results[results["strategy"] != "buy_and_hold"])  # buy-and-hold has no score
    for measure in LEARNING_MEASURES:
        print(f"run {a.run}: {measure} by fold, mean over the books (market x seed)")
        print(learned.pivot(index="strategy", columns="fold", values=measure).round(3).to_string(), end="\n\n")
skill = skill_adjusted(results)
books = pd.DataFrame(
    {
        "net": results.groupby(keys)["net"].apply(lambda r: sharpe(r)),
        "gross": results.groupby(keys)["gross"].apply(lambda r: sharpe(r)),
        "skill": skill.groupby(keys)["net"].apply(lambda r: sharpe(r)),
        "turnover": results.groupby(keys)["position"].apply(lambda s: s.diff().abs().mean()),
    }
)
by = books.groupby(level="strategy")
table = by.mean().assign(skill_se=by["skill"].std() / np.sqrt(by.size()), books=by.size())
print(f"run {a.run}: Sharpe ratios per book (market x seed), mean over the books (NaN: a book that never varies)")
print(table[["net", "gross", "skill", "skill_se", "turnover", "books"]].round(3).to_string())
settings = run.manifest.get("settings") or {}
contrasts = [c if isinstance(c, str) else ":".join(c) for c in settings.get("study", {}).get("contrasts", [])]
if contrasts and a.reps > 0:  # --reps 0: no bootstrap
    test = pooled_contrast_table if "market" in results else contrast_table
    t = test(skill, contrasts, reps=a.reps)
    print(f"\nthe run's contrasts on skill ({'pooled over the markets' if 'market' in results else 'one market'})")
    print(t[["diff", "ci_low", "ci_high", "holm_p_value", "mde_holm"]].round(3).to_string())
if a.by_fold and contrasts:
    per_fold = skill.groupby(["strategy", "fold", "market", "seed"])["net"].apply(lambda r: sharpe(r))
    per_fold = per_fold.unstack("strategy")
    print(f"\nrun {a.run}: each contrast's skill difference by fold, mean ± se over the paired books")
    for name in contrasts:
        m, t_ = name.split(":")
        d = (per_fold[m] - per_fold[t_]).groupby(level="fold")
        print(f"  {name:26s}", " ".join(f"{x:+.3f}±{e:.3f}" for x, e in zip(d.mean(), d.sem(), strict=True)))
