"""Steps per second of thesis_rl's TradingEnv against gym-anytrading's StocksEnv, side by side in one run.

Both step the S&P 500 1999-2018 (thesis_rl.data.load_prices("sp500")) with random actions, one full
pass per episode, window 20, raw environments (no gym.make wrappers), reset when an episode ends.
TradingEnv observes (20, 12): ten simple causal features plus position and unrealised P&L;
StocksEnv observes (20, 2): price and price change. Then the batched VecTradingEnv against SB3's
DummyVecEnv of the same number of TradingEnvs.

    .venv/bin/python benchmarks/env_speed.py [--seconds 3]

Target (issue): TradingEnv >= 2x StocksEnv.
"""

import argparse
import time

import numpy as np
import pandas as pd
from gym_anytrading.envs import StocksEnv
from stable_baselines3.common.vec_env import DummyVecEnv

from thesis_rl.backtest import forward_returns
from thesis_rl.data import load_prices
from thesis_rl.env import TradingEnv, VecTradingEnv

WINDOW = 20


def causal_features(prices: pd.DataFrame) -> pd.DataFrame:
    "Ten causal features (row t uses prices up to t), standardised; the benchmark needs numbers, not a model."
    lr = np.log(prices["close"]).diff()
    cols = {f"ret_lag{k}": lr.shift(k) for k in range(5)}
    cols |= {
        "vol5": lr.rolling(5).std(),
        "vol20": lr.rolling(20).std(),
        "mom5": lr.rolling(5).sum(),
        "mom20": lr.rolling(20).sum(),
        "volume20": np.log(prices["volume"] / prices["volume"].rolling(20).mean()),
    }
    f = pd.DataFrame(cols, index=prices.index)
    return (f - f.mean()) / f.std()


def rate(env, actions, seconds: float) -> float:
    "Steps per second of a gymnasium env with the given actions, resetting at the end of episodes."
    env.reset(seed=0)
    n, t0 = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - t0) < seconds:
        for a in actions:
            _, _, terminated, truncated, _ = env.step(a)
            if terminated or truncated:
                env.reset()
        n += len(actions)
    return n / elapsed


def vec_rate(venv, actions, seconds: float) -> float:
    "Environment steps per second of a VecEnv (each call steps num_envs environments)."
    venv.reset()
    n, t0 = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - t0) < seconds:
        for a in actions:
            venv.step(a)
        n += len(actions) * venv.num_envs
    return n / elapsed


def main(seconds: float = 3.0, n_envs: tuple = (8, 64)):
    prices = load_prices("sp500")
    feats, fwd = causal_features(prices), forward_returns(prices)
    ok = feats.notna().all(axis=1) & fwd.notna()
    features, returns = feats[ok].to_numpy(np.float32), fwd[ok].to_numpy()
    rng = np.random.default_rng(0)
    actions = rng.integers(
        0, 2, size=4096
    ).tolist()  # StocksEnv: sell/buy; TradingEnv: short/flat of [-1, 0, 1] (as costly)

    ours = TradingEnv(features, returns, window=WINDOW, sequential=True, cost_bps=5.0, slippage_bps=2.0)
    df = prices.rename(columns=str.capitalize)
    theirs = StocksEnv(df, window_size=WINDOW, frame_bound=(WINDOW, len(df)))
    rows = {}
    for _ in range(2):  # alternate, so that neither gets the quieter half of the machine
        rows.setdefault("gym-anytrading StocksEnv", []).append(rate(theirs, actions, seconds / 2))
        rows.setdefault("thesis_rl TradingEnv", []).append(rate(ours, actions, seconds / 2))
    single = {k: float(np.mean(v)) for k, v in rows.items()}
    ratio = single["thesis_rl TradingEnv"] / single["gym-anytrading StocksEnv"]
    print(f"S&P 500, {len(returns)} rows, window {WINDOW}, random actions, {seconds:.0f}s each")
    for k, v in single.items():
        print(f"  {k:<28s} {v:>12,.0f} steps/s")
    print(f"  ratio TradingEnv / StocksEnv: {ratio:.2f}x (target >= 2x)")

    print("\nbatched stepping (random discrete actions, episodes of 252 days with random starts)")
    kw = dict(window=WINDOW, episode_length=252, cost_bps=5.0, slippage_bps=2.0)
    for n in n_envs:
        acts = rng.integers(0, 3, size=(256, n))
        dummy = DummyVecEnv([lambda: TradingEnv(features, returns, **kw)] * n)
        batch = VecTradingEnv(n, features, returns, seed=0, **kw)
        d, b = vec_rate(dummy, acts, seconds / 2), vec_rate(batch, acts, seconds / 2)
        print(
            f"  n_envs={n:<3d} DummyVecEnv {d:>12,.0f} steps/s   VecTradingEnv {b:>12,.0f} steps/s   ratio {b / d:.2f}x"
            f"   (VecTradingEnv / StocksEnv {b / single['gym-anytrading StocksEnv']:.2f}x)"
        )
    return ratio


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=3.0, help="seconds of stepping per environment")
    main(p.parse_args().seconds)
