"""One strategy in two finished runs, paired by day: did a change to the model change what it learned?

    .venv/bin/python benchmarks/run_difference.py --runs panel-1205 panel-1205b --strategy transformer_seq

For each run: the strategy's test-period rank correlation of its score with the next day's return (13_contrasts'
`rank_correlation`, the learning table's 'learned' measure) over every market and seed, its mean position, turnover and
the mean over its books (market x seed) of the annualised net Sharpe ratio. Then the difference, the first run's less
the second's, paired by day (`rank_correlation_difference`): the two runs trade the same markets on the same days, so
what the days share cancels. Then the same per seed, and the number of markets where the first run ranks better. Only
the strategy's rows are read (a panel's results hold tens of millions of rows).
"""
# thesis-rl bench: skip: it compares two finished runs (--runs A B --strategy S)

import argparse
import sys

import pandas as pd

from thesis_rl.backtest import sharpe
from thesis_rl.config import project_root
from thesis_rl.contrasts import behaviour, rank_correlation, rank_correlation_difference

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--runs", nargs=2, required=True, metavar=("A", "B"), help="two finished runs in reports/")
p.add_argument("--strategy", required=True, help="a strategy both runs traded")
a = p.parse_args()

books = {}
for run in a.runs:
    path = project_root() / "reports" / run / "results.parquet"
    if not path.exists():
        sys.exit(f"{path}: no such file; run {run!r} has not finished (or is not in reports/)")
    rows = pd.read_parquet(path, filters=[("strategy", "==", a.strategy)])
    if rows.empty:
        traded = pd.read_parquet(path, columns=["strategy"])["strategy"].unique()
        sys.exit(f"{path}: no rows of strategy {a.strategy!r}; it holds {', '.join(sorted(traded))}")
    books[run] = rows
first, second = (books[r] for r in a.runs)


def summary(rows: pd.DataFrame) -> dict:
    ic, did = rank_correlation(rows), behaviour(rows)
    net = rows.groupby(["market", "seed"])["net"].apply(lambda r: sharpe(r)).mean()
    return {k: ic[k] for k in ("rank_corr", "ci_low", "ci_high")} | {
        "mean_position": did["mean_position"],
        "turnover": did["turnover"],
        "net_sharpe": net,
    }


print(f"{a.strategy}: each run over every market and seed")
print(pd.DataFrame({r: summary(books[r]) for r in a.runs}).T.round(4).to_string())
print(f"\nrank correlation, {a.runs[0]} less {a.runs[1]}, paired by day")
rows = {"all seeds": rank_correlation_difference(first, second)}
for seed in sorted(set(first["seed"]) & set(second["seed"])):
    rows[f"seed {seed}"] = rank_correlation_difference(first[first["seed"] == seed], second[second["seed"] == seed])
print(pd.DataFrame(rows).T.round(4).to_string())
by_market = {
    m: rank_correlation(first[first["market"] == m])["rank_corr"]
    - rank_correlation(second[second["market"] == m])["rank_corr"]
    for m in sorted(set(first["market"]) & set(second["market"]))
}
better = sum(d > 0 for d in by_market.values())
print(f"\n{a.runs[0]} ranks better in {better} of {len(by_market)} markets")
