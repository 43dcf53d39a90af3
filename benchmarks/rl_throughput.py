"""Training throughput of RecurrentPPO with the `seed002`, `fast` and `fast_thorough` presets, and PPO, side by side;
the panel's networks (seed002 on its throughput schedule, PPO's widened twin) and the cost of a warm-start chain.

All of them train on the same environment: the planted `regime` market (thesis_rl.planted.planted_fold, seed 0,
2,000 training days), its 21 `price` features scaled on the training rows, window 20, in a VecTradingEnv
wrapped in VecNormalize, exactly as RLStrategy.fit builds it. Each configuration repeats whole
rollout-and-update cycles (at least two) until `--seconds` have passed; the environment steps done
divided by the time taken is its throughput. Peak memory is the process's maximum resident set size.

Then learning at an equal wall-clock budget: RecurrentPPO `seed002`, `fast` and `fast_thorough` each
train for `--budget` seconds on the regime market of 18_planted's memory check (5,000 training days, window 1,
observing only ret_1, the account columns zero, so only the LSTM can tell the regimes apart) and are scored out of
sample (Sharpe after costs on the following 747 days) for each seed.

The panel's network: RecurrentPPO with the seed002 network on the `seed002_throughput` schedule (256 environments x 16
steps, one pass of 4,096-step minibatches), as a ratio to the same network on seed002's own schedule (the reference,
measured side by side), and PPO's widened twin `seed002_twin`.

The warm-start chain (08_rl, `recurrent_ppo.warm_start`): --folds expanding folds on the same market (--chain-rows
training rows, then 250 more per fold), each fitted by RecurrentPPOStrategy with `seed002_throughput` for
--chain-steps environment steps, warm-started from the previous fold and, side by side, from scratch (the reference);
per fold the seconds of each, their ratio (the cost of carrying the agent forward), and the chain's cumulative steps.

    .venv/bin/python benchmarks/rl_throughput.py [--seconds 20] [--budget 120] [--seeds 0 1 2] [--folds 4]
    .venv/bin/python benchmarks/rl_throughput.py --quick  # seconds: that the script runs, no numbers to keep

Targets (issue): fast >= 25x seed002 in the same run; equal or better out-of-sample Sharpe at an equal
wall-clock budget; peak memory < 2 GB.
"""

import argparse
import resource
import time

import pandas as pd
from stable_baselines3.common.logger import Logger

from thesis_rl.config import load_settings
from thesis_rl.planted import planted_fold, planted_score
from thesis_rl.rl import (
    RecurrentPPOStrategy,
    agent_config,
    algorithm_class,
    algorithm_kwargs,
    torch_threads,
    training_arrays,
    training_env,
)
from thesis_rl.features import FEATURE_SETS

CONFIGS = [
    ("recurrent_ppo", "seed002"),
    ("recurrent_ppo", "fast"),
    ("recurrent_ppo", "fast_thorough"),
    ("ppo", "fast"),
    ("recurrent_ppo", "seed002_throughput"),
    ("ppo", "seed002_twin"),
]
LEARNING_PRESETS = ("seed002", "fast", "fast_thorough")


def throughput(algorithm: str, preset: str, X, r, seconds: float, cycles: int = 2) -> float:
    "Environment steps per second of training: whole rollout-and-update cycles (at least `cycles`) for `seconds`."
    settings = load_settings(None, {f"{algorithm}.preset": preset})
    cfg = agent_config(settings, algorithm)
    cls, policy = algorithm_class(algorithm)
    model = cls(policy, training_env(X, r, settings, cfg, 0), seed=0, **algorithm_kwargs(cfg))
    model.set_logger(Logger(None, []))  # SB3's default logger makes an empty folder in the temp directory per learn()
    with torch_threads(cfg.torch_threads):
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds or model.num_timesteps < cycles * cfg.rollout_size:
            model.learn(cfg.rollout_size, reset_num_timesteps=False)
        return model.num_timesteps / (time.perf_counter() - t0)


def warm_start_chain(folds: int, chain_rows: int, chain_steps: int) -> pd.DataFrame:
    "Seconds per fold of a warm-started RecurrentPPO chain and of cold fits of the same folds, side by side."
    train, *_ = planted_fold("regime", 0, n_days=chain_rows + 250 * folds + 300, n_train=chain_rows + 250 * folds)
    overrides = {
        "features.feature_set": "price",
        "recurrent_ppo.preset": "seed002_throughput",
        "recurrent_ppo.total_timesteps": chain_steps,
    }
    warm_settings = load_settings(None, overrides | {"recurrent_ppo.warm_start": True})
    cold_settings = load_settings(None, overrides)
    # a fit that is not timed: the first fit in a process pays one-off costs (allocation, lazy imports)
    RecurrentPPOStrategy(cold_settings).fit(train.slice(None, train.index[chain_rows - 1]), seed=0)
    rows, previous = [], None
    for k in range(folds):
        rows_k = train.slice(None, train.index[chain_rows + 250 * k - 1])
        t0 = time.perf_counter()
        previous = RecurrentPPOStrategy(warm_settings).fit(rows_k, seed=0, init=previous)
        warm = time.perf_counter() - t0
        t0 = time.perf_counter()
        RecurrentPPOStrategy(cold_settings).fit(rows_k, seed=0)
        cold = time.perf_counter() - t0
        rec = previous.training_record
        rows.append(
            {
                "fold": k,
                "training rows": len(rows_k),
                "warm s": round(warm, 2),
                "cold s": round(cold, 2),
                "warm / cold": round(warm / cold, 3),
                "steps/s (warm)": rec["steps_per_second"],
                "chain_steps": rec["chain_steps"],
            }
        )
        print(f"  fold {k}: warm {warm:.1f}s, cold {cold:.1f}s, chain {rec['chain_steps']:,} steps", flush=True)
    return pd.DataFrame(rows).set_index("fold")


def main(
    seconds: float = 20.0,
    budget: float = 120.0,
    seeds=(0, 1, 2),
    folds: int = 4,
    chain_rows: int = 1000,
    chain_steps: int = 40960,
    cycles: int = 2,  # rollout-and-update cycles per throughput, at least
):
    train, *_ = planted_fold("regime", 0)
    _, X, r = training_arrays(train, FEATURE_SETS["price"])
    print(f"throughput: regime market, {len(r)} training rows, 21 price features, window 20, ~{seconds:.0f}s each")
    speed = {f"{a} {p}": throughput(a, p, X, r, seconds, cycles) for a, p in CONFIGS}
    for k, v in speed.items():
        print(f"  {k:<24s} {v:>10,.0f} env steps/s")
    ratio = speed["recurrent_ppo fast"] / speed["recurrent_ppo seed002"]
    print(f"  ratio RecurrentPPO fast / seed002: {ratio:.1f}x (target >= 25x)")
    thorough = speed["recurrent_ppo fast_thorough"] / speed["recurrent_ppo seed002"]
    print(f"  ratio RecurrentPPO fast_thorough / seed002: {thorough:.1f}x")
    print(f"  ratio PPO fast / RecurrentPPO fast: {speed['ppo fast'] / speed['recurrent_ppo fast']:.1f}x")
    panel = speed["recurrent_ppo seed002_throughput"] / speed["recurrent_ppo seed002"]
    print(f"  ratio RecurrentPPO seed002_throughput / seed002 (the same network): {panel:.1f}x")
    twin = speed["ppo seed002_twin"] / speed["recurrent_ppo seed002_throughput"]
    print(f"  ratio PPO seed002_twin / RecurrentPPO seed002_throughput: {twin:.1f}x")

    print(
        f"\nwarm-start chain: {folds} folds from {chain_rows} training rows (+250 per fold), seed002_throughput, "
        f"{chain_steps:,} steps per fold; warm-started vs from scratch, side by side"
    )
    chain = warm_start_chain(folds, chain_rows, chain_steps)
    print(chain.to_string())
    print(f"  mean warm / cold seconds per fold: {chain['warm / cold'].mean():.3f}")
    if not seeds:
        return ratio

    print(
        f"\nlearning at an equal wall-clock budget of {budget:.0f}s: "
        f"regime market, window 1, ret_1 only, account hidden, seeds {list(seeds)}"
    )
    rows = []
    for seed in seeds:
        fold = planted_fold("regime", seed, n_days=6000, n_train=5000)
        for preset in LEARNING_PRESETS:
            settings = load_settings(
                None,
                {
                    "env.window": 1,
                    "env.observe_account": False,
                    "recurrent_ppo.columns": ["ret_1"],
                    "recurrent_ppo.preset": preset,
                    "recurrent_ppo.total_timesteps": 10**9,
                },
            )
            score = planted_score(RecurrentPPOStrategy(settings, time_limit=budget), fold, seed)
            rows.append({"preset": preset, "seed": seed} | score)
            print(
                f"  seed {seed} {preset:<13s} Sharpe {score['sharpe']:+.2f} "
                f"(buy-and-hold {score['buy_and_hold']:+.2f}) "
                f"after {score['timesteps']:,} steps in {score['train_seconds']:.0f}s",
                flush=True,
            )
    table = pd.DataFrame(rows).groupby("preset")[["sharpe", "buy_and_hold", "timesteps"]].mean()
    print(table.round(3).to_string())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS of this process): {peak_mb:,.0f} MB (target < 2,048 MB)")
    return ratio


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--seconds", type=float, default=20.0, help="seconds of training per configuration for the throughput"
    )
    p.add_argument(
        "--budget",
        type=float,
        default=120.0,
        help="seconds of training per preset and seed for the learning comparison",
    )
    p.add_argument(
        "--seeds", type=int, nargs="*", default=[0, 1, 2], help="seeds of the learning comparison (none: skip)"
    )
    p.add_argument("--folds", type=int, default=4, help="folds of the warm-start chain")
    p.add_argument("--chain-rows", type=int, default=1000, help="training rows of the chain's first fold")
    p.add_argument("--chain-steps", type=int, default=40960, help="environment steps per fold of the chain")
    p.add_argument(
        "--quick",
        action="store_true",
        help="a check that it runs: 1 s (1 cycle) per configuration, a 2-fold chain of one rollout each, no learning",
    )
    a = p.parse_args()
    if a.quick:
        main(1.0, 0.0, (), folds=2, chain_rows=500, chain_steps=4096, cycles=1)
    else:
        main(a.seconds, a.budget, a.seeds, a.folds, a.chain_rows, a.chain_steps)
