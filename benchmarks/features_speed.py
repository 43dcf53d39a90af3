"""Speed of thesis_rl.features.build_features against references measured side by side in one run.

Data: the S&P 500 1999-2018 (5,031 rows) and the VIX 2014-2019, from their snapshots.
Timed (median of --repeats runs each, wall clock, one process):

  load        load_prices("sp500") + load_prices("vix") from the checksummed snapshots (the I/O floor)
  rsi_loop    the same Wilder RSI as thesis_rl.features.wilder_rsi, written as a plain Python loop
              over the closes (checked equal to 1e-12): what one indicator costs without vectorisation
  agents      run_agents(prices, vix): the six analyst agents
  features    build_features(prices, vix, signals): all groups, 79 columns (signals precomputed)
  pipeline    agents + features together (what a walk-forward task pays)

Ratios printed: features / rsi_loop (how many hand-looped RSIs the whole 79-column build costs: < 1
means all the features together are cheaper than ONE indicator looped in Python) and features / load.

    .venv/bin/python benchmarks/features_speed.py [--repeats 7]

Target (issue): build_features with all groups on ~5,000 rows in under 2 seconds.
"""

import argparse
import statistics
import time

import numpy as np
import pandas as pd

from thesis_rl.data import load_prices
from thesis_rl.features import build_features, wilder_rsi
from thesis_rl.signals import run_agents


def rsi_loop(close: np.ndarray, window: int = 14) -> np.ndarray:
    "Wilder RSI in [0, 1], one Python step per day, same seeding as `wilder_rsi` (first change, alpha 1/window)."
    alpha, out = 1 / window, np.full(len(close), np.nan)
    gain = loss = None
    for t in range(1, len(close)):
        change = close[t] - close[t - 1]
        up, down = max(change, 0.0), max(-change, 0.0)
        gain = up if gain is None else (1 - alpha) * gain + alpha * up
        loss = down if loss is None else (1 - alpha) * loss + alpha * down
        if t >= window:
            out[t] = gain / (gain + loss)
    return out


def timed(fn, repeats: int) -> tuple[float, object]:
    "Median wall-clock seconds of `fn()` over `repeats` runs, and its last result."
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main(repeats: int):
    t_load, (prices, vix) = timed(lambda: (load_prices("sp500"), load_prices("vix")), repeats)
    close = prices["close"].to_numpy()
    t_rsi, looped = timed(lambda: rsi_loop(close), repeats)
    np.testing.assert_allclose(looped, wilder_rsi(prices["close"]).to_numpy(), rtol=0, atol=1e-12)
    t_agents, signals = timed(lambda: run_agents(prices, vix), repeats)
    t_features, features = timed(lambda: build_features(prices, vix, signals), repeats)
    t_pipeline, _ = timed(lambda: build_features(prices, vix, run_agents(prices, vix)), repeats)
    n = len(prices)
    rows = pd.DataFrame(
        {
            "seconds": [t_load, t_rsi, t_agents, t_features, t_pipeline],
            "rows/s": [n / t for t in (t_load, t_rsi, t_agents, t_features, t_pipeline)],
        },
        index=["load", "rsi_loop", "agents", "features", "pipeline"],
    )
    print(
        f"S&P 500 {prices.index[0].date()}..{prices.index[-1].date()}: {n} rows in, {len(features)} rows x "
        f"{features.shape[1]} columns out ({features.attrs['warmup_dropped']} warm-up rows dropped); "
        f"median of {repeats} runs"
    )
    print(rows.to_string(float_format=lambda v: f"{v:,.4f}" if v < 100 else f"{v:,.0f}"))
    ratio = t_features / t_rsi
    print(f"ratio features / rsi_loop = {ratio:.2f}  (79 vectorised columns vs one indicator looped in Python)")
    print(f"ratio features / load     = {t_features / t_load:.2f}  (building the features vs reading the snapshots)")
    print(f"target: pipeline < 2 s -> {'met' if t_pipeline < 2 else 'MISSED'} ({t_pipeline:.3f} s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="runs per measurement; the median is reported")
    main(parser.parse_args().repeats)
