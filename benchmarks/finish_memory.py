"""Peak memory of finishing a study (stitching the task files, adding the trials to the ledger), its parts side by side.

    .venv/bin/python benchmarks/finish_memory.py --run panel-1203c [--append]
    .venv/bin/python benchmarks/finish_memory.py --run panel-tiny3 --framings
    .venv/bin/python benchmarks/finish_memory.py --run panel-tiny5 --robustness

After its tasks, `run_study` stitches the task files into results (`walkforward.collect_results`) and, still holding
them, adds the run's trials to the ledger (`ledger.add_run`, which reads results.parquet again). On the 51-market panel
that second read was the study's peak (9.8 GiB of a 10.05 GiB run, 2026-12-03): it read every column and sorted the
whole panel by date. Each part runs alone in a fresh process on the run's files (the ledger into a temporary file,
nothing else written), beside its reference (the code before: for the ledger every column and one sort of the whole
panel; for the stitching, of before 2026-12-05, the whole panel resimulated and merged while the task files were still
held, 10.6 GiB of the tiny-budget panel-tiny's 11.4 GiB peak); the peak resident memory is sampled every 0.2 s, and the
two sides' results and ledger rows must be equal.

`--append` also appends the run to a temporary ledger, trial rows and daily returns, beside the reference of before
2026-12-05: every day of the panel made a "YYYY-MM-DD" string and a row of one frame before the first insert (tens of
millions of Python strings; the tiny-budget panel-tiny's kernel held 8.3 GiB while it appended). Both ledgers' daily
returns must hold the same rows and sums. Each append writes a few GiB to the temporary folder (`TMPDIR`).

`--framings` runs, instead, the panel report's framings (`report.both_framings`: every contrast's strategy timed as an
equal-weight book and ranked across the markets) on the run as the report loads it, beside the reference of before
2026-12-06: every contrast's rows filtered out of the panel at once, twice (the report's peak, 9.2 GiB of the
tiny-budget panel-tiny3). Both sides' framings and cross-sectional books must be equal.

`--robustness` runs the panel report's robustness bases (`metrics.panel_robustness_bases`, each basis's Sharpe ratios
and pooled contrasts, one basis held at a time, as `report.panel_robustness` reads them) beside the reference of before
2026-12-06: each re-simulated basis with market and strategy as text, as the run holds them (the report's peak, 8.07
GiB of the tiny-budget panel-tiny5). Both sides' Sharpe ratios and contrast tables must be equal.
"""
# thesis-rl bench: skip: it reads a finished run's files (--run)

import argparse
import json
import subprocess
import sys
import tempfile
import time

import psutil

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--run", required=True, help="a finished run in reports/")
p.add_argument("--append", action="store_true", help="also append to a temporary ledger, beside the reference")
p.add_argument("--framings", action="store_true", help="the report's framings instead, beside the reference")
p.add_argument("--robustness", action="store_true", help="the report's robustness bases instead, beside the reference")
p.add_argument(
    "--part",
    choices=[
        "collect",
        "collect-reference",
        "ledger",
        "ledger-reference",
        "append",
        "append-reference",
        "framings",
        "framings-reference",
        "robustness",
        "robustness-reference",
    ],  # fmt: skip
    help=argparse.SUPPRESS,
)  # a child's
p.add_argument("--tmp", help=argparse.SUPPRESS)  # a child's temporary folder
a = p.parse_args()

if a.part:  # a child: one part, then its result's hash
    import pandas as pd

    from thesis_rl.ledger import LEDGER_COLUMNS, read_columns, trial_rows
    from thesis_rl.walkforward import RunStore, reports_dir

    folder = reports_dir() / a.run
    manifest = json.loads((folder / "manifest.json").read_text())
    rss0 = psutil.Process().memory_info().rss
    t0 = time.perf_counter()
    if a.part.startswith("collect"):
        from thesis_rl.config import load_settings
        from thesis_rl.study import study_tasks
        from thesis_rl.walkforward import _study_from, collect_results, settings_json

        profile, overrides = manifest.get("profile") or None, tuple(manifest.get("overrides") or ())
        settings = load_settings(profile, list(overrides))
        tasks = study_tasks(settings, _study_from(settings_json(settings), profile), profile, overrides, "")
        rss0 = psutil.Process().memory_info().rss  # the study's data loaded: not the collecting's
        t0 = time.perf_counter()
        if a.part == "collect":
            out = collect_results(RunStore(folder), tasks, settings)
        else:  # the reference: before 2026-12-05, the whole panel resimulated, then merged, the task files still held
            from thesis_rl.backtest import resimulate
            from thesis_rl.walkforward import check_one_row_per_day, market_dividend_yield

            store = RunStore(folder)
            parts = {t: store.read_task(t) for t in tasks}
            rows = pd.concat(parts.values(), ignore_index=True)
            check_one_row_per_day(store, parts)
            c = settings.costs
            books = pd.concat(
                [
                    resimulate(
                        g,
                        c.cost_bps,
                        c.slippage_bps,
                        by=("market", "strategy", "seed"),
                        execution_lag=c.execution_lag,
                        dividend_yield=market_dividend_yield(settings, m),
                    )
                    for m, g in rows.groupby("market", sort=True)
                ],
                ignore_index=True,
            )
            keys = ["market", "strategy", "seed", "date"]
            seen = rows.reindex(columns=[*keys, "forward_return", "score"])
            out = books.merge(seen, on=keys, how="left", validate="one_to_one")
    elif a.part.startswith("framings"):
        from thesis_rl.report import both_framings, check_fresh, load_run

        run = load_run(folder)
        settings, study = check_fresh(run, manifest.get("profile") or None, manifest.get("overrides") or None)
        rss0 = psutil.Process().memory_info().rss  # the run and its data loaded, as the report holds them
        t0 = time.perf_counter()
        if a.part == "framings":
            view = both_framings(run, study, settings, reps=10)
        else:  # the reference: before 2026-12-06, every contrast's rows filtered at once, twice (the contrasts' tables
            # of the rows, small, left out)
            from thesis_rl.metrics import cross_section_rows, split_summary, xs_baseline_rows
            from thesis_rl.study import study_contrasts
            from thesis_rl.walkforward import market_dividend_yield

            k, c, results = settings.study.xs_k, settings.costs, run.results
            names = sorted({s for pair in study_contrasts(settings) for s in pair})
            fwd = {m: s.data.forward_returns for m, s in study.markets.items()}
            yields = {m: market_dividend_yield(settings, m) for m in study.markets}
            xs = cross_section_rows(results, k, fwd, c.cost_bps, c.slippage_bps, names, c.execution_lag, yields)
            days = pd.DatetimeIndex(sorted(results["date"].unique()))
            closes = pd.DataFrame({m: s.data.prices["close"] for m, s in study.markets.items()})
            folds = results.groupby("date")["fold"].first()
            base = xs_baseline_rows(
                closes, pd.DataFrame(fwd), days, k, c.cost_bps, c.slippage_bps, folds, c.execution_lag
            )
            cols = ["position", "gross", "cost", "net", "turnover"]
            timed = (
                results[results["strategy"].isin(names)]
                .groupby(["date", "strategy", "seed"], sort=True)
                .agg(fold=("fold", "first"), **{c: (c, "mean") for c in cols})
                .reset_index()
            )
            table = pd.concat(
                {"timing each market": split_summary(timed), "across markets": split_summary(pd.concat([xs, base]))},
                names=["framing"],
            )
            view = {"framings": table, "books": pd.concat([xs, base], ignore_index=True)}
        table = view["framings"].reset_index()
        table.columns = [" ".join(map(str, c)) if isinstance(c, tuple) else c for c in table.columns]
        out = pd.concat([table, view["books"]], ignore_index=True)
    elif a.part.startswith("robustness"):
        from thesis_rl.contrasts import pooled_contrast_table
        from thesis_rl.metrics import basis_sharpe, panel_robustness_bases, risk_free_daily
        from thesis_rl.report import (
            ASSUMED_DIVIDEND_YIELD,
            PRICE_INDICES,
            RETURN_BASIS,
            check_fresh,
            load_run,
            run_equivalence_bound,
        )
        from thesis_rl.walkforward import market_dividend_yield

        run = load_run(folder)
        settings, study = check_fresh(run, manifest.get("profile") or None, manifest.get("overrides") or None)
        rss0 = psutil.Process().memory_info().rss  # the run and its data loaded, as the report holds them
        t0 = time.perf_counter()
        res, c = run.results, settings.costs
        markets = sorted(res["market"].unique())
        price_return = [m for m in markets if m in PRICE_INDICES or RETURN_BASIS.get(m, "").startswith("price return")]
        bases = panel_robustness_bases(  # as report.panel_robustness calls it
            res,
            {m: study.markets[m].data.forward_returns for m in markets},
            c.cost_bps,
            c.slippage_bps,
            risk_free_daily(res["date"].unique(), settings.report.risk_free, settings.report.risk_free_rate),
            {m: market_dividend_yield(settings, m) for m in markets},
            {m: ASSUMED_DIVIDEND_YIELD for m in price_return},
            c.execution_lag,
            categories=a.part == "robustness",  # the reference: the re-simulated bases' text columns as text
        )
        tables = []
        for basis, rows, _ in bases:  # one basis held at a time, as the report
            tables.append(basis_sharpe(rows).rename("sharpe").reset_index().assign(basis=basis))
            table = pooled_contrast_table(rows, manifest["contrasts"], bound=run_equivalence_bound(run)[0], reps=100)
            tables.append(table.reset_index().astype(str).assign(basis=basis))
            del rows
        out = pd.concat(tables, ignore_index=True).astype(str)
    elif a.part.startswith("append"):
        import sqlite3
        from pathlib import Path

        from thesis_rl.ledger import append_trials

        trials = pd.read_parquet(folder / "trials.parquet")
        rows, daily = trial_rows(read_columns(folder / "results.parquet", LEDGER_COLUMNS), trials, manifest, folder)
        if a.part == "append-reference":  # before: one string per day, one frame of them all
            daily = pd.DataFrame(
                {
                    "trial_id": daily["trial_id"].astype(str).to_numpy(),
                    "date": daily["date"].dt.strftime("%Y-%m-%d").to_numpy(),
                    "net": daily["net"].to_numpy(),
                }
            )
        ledger = Path(a.tmp) / f"{a.part}.sqlite"
        append_trials(ledger, rows, daily)
        con = sqlite3.connect(ledger)
        n, total, days = con.execute("SELECT count(*), sum(net), count(DISTINCT date) FROM daily_returns").fetchone()
        con.close()
        ledger.unlink()
        out = pd.DataFrame({"n": [n], "total": [round(total, 6)], "days": [days]})
    else:
        trials = pd.read_parquet(folder / "trials.parquet")
        if a.part == "ledger":
            results = read_columns(folder / "results.parquet", LEDGER_COLUMNS)
            out = trial_rows(results, trials, manifest, folder)[0]
        else:  # the reference: every column read, the whole panel sorted by date at once, then grouped
            results = pd.read_parquet(folder / "results.parquet").sort_values("date")
            out = trial_rows(results, trials, manifest, folder)[0]
        out = out.drop(columns="time")  # when each row was made
    digest = int(pd.util.hash_pandas_object(out, index=False).sum())
    print(json.dumps({"rows": len(out), "hash": digest, "seconds": time.perf_counter() - t0, "rss_before": rss0}))
    sys.exit(0)


def measure(part: str, tmp: str) -> dict:
    "Run one part in a fresh process; its peak resident memory, sampled."
    cmd = [sys.executable, __file__, "--run", a.run, "--part", part, "--tmp", tmp]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    root, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            peak = max(peak, root.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.2)
    out = proc.stdout.read().decode().strip().splitlines()
    if proc.returncode != 0 or not out:
        sys.exit(f"finish_memory: the {part} part failed (exit {proc.returncode})")
    return json.loads(out[-1]) | {"peak": peak}


finishing = ("collect", "collect-reference", "ledger", "ledger-reference") + (
    ("append", "append-reference") if a.append else ()
)
names = (
    ("framings", "framings-reference")
    if a.framings
    else ("robustness", "robustness-reference")
    if a.robustness
    else finishing
)
with tempfile.TemporaryDirectory() as tmp:
    parts = {part: measure(part, tmp) for part in names}
gib = lambda x: x / 2**30
for name, r in parts.items():
    print(f"  {name}: peak {gib(r['peak']):.2f} GiB ({gib(r['peak'] - r['rss_before']):.2f} above its start), "
          f"{r['seconds']:.0f} s")  # fmt: skip
if a.framings:
    new, ref = parts["framings"], parts["framings-reference"]
    if (new["rows"], new["hash"]) != (ref["rows"], ref["hash"]):
        sys.exit(f"finish_memory: the framings differ: {new['rows']} vs {ref['rows']} rows (or their contents)")
    print(
        f"run {a.run}: framings peak ratio new / reference: {new['peak'] / ref['peak']:.2f}; above the loaded run "
        f"{(new['peak'] - new['rss_before']) / max(ref['peak'] - ref['rss_before'], 1):.2f} (equal tables and books)"
    )
    sys.exit(0)
if a.robustness:
    new, ref = parts["robustness"], parts["robustness-reference"]
    if (new["rows"], new["hash"]) != (ref["rows"], ref["hash"]):
        sys.exit(
            f"finish_memory: the robustness tables differ: {new['rows']} vs {ref['rows']} rows (or their contents)"
        )
    print(
        f"run {a.run}: robustness peak ratio new / reference: {new['peak'] / ref['peak']:.2f}; above the loaded run "
        f"{(new['peak'] - new['rss_before']) / max(ref['peak'] - ref['rss_before'], 1):.2f} (equal Sharpe ratios and "
        "contrast tables)"
    )
    sys.exit(0)
new, ref = parts["collect"], parts["collect-reference"]
if (new["rows"], new["hash"]) != (ref["rows"], ref["hash"]):
    sys.exit(f"finish_memory: the results differ: {new['rows']} vs {ref['rows']} rows (or their contents)")
collect_ratio = new["peak"] / ref["peak"]
new, ref = parts["ledger"], parts["ledger-reference"]
if (new["rows"], new["hash"]) != (ref["rows"], ref["hash"]):
    sys.exit(f"finish_memory: the ledger rows differ: {new['rows']} vs {ref['rows']} (or their contents)")
print(f"run {a.run}: {parts['collect']['rows']:,} result rows, {new['rows']:,} ledger rows (equal on both sides)")
print(f"collect peak ratio new / reference: {collect_ratio:.2f} (equal results on both sides)")
print(f"ledger peak ratio new / reference: {new['peak'] / ref['peak']:.2f}")
if a.append:
    new, ref = parts["append"], parts["append-reference"]
    if new["hash"] != ref["hash"]:
        sys.exit("finish_memory: the two ledgers' daily returns differ (rows, sum of net or dates)")
    print(
        f"append peak ratio new / reference: {new['peak'] / ref['peak']:.2f}, "
        f"time ratio {new['seconds'] / ref['seconds']:.2f} (equal daily returns on both sides)"
    )
