"""Training throughput of RecurrentPPO with the `seed002`, `fast` and `fast_thorough` presets, and PPO, side by side.

All four train on the same environment: the planted `regime` market (thesis_rl.planted.planted_fold, seed 0,
2,000 training days), its 21 `price` features scaled on the training rows, window 20, in a VecTradingEnv
wrapped in VecNormalize, exactly as RLStrategy.fit builds it. Each configuration repeats whole
rollout-and-update cycles (at least two) until `--seconds` have passed; the environment steps done
divided by the time taken is its throughput. Peak memory is the process's maximum resident set size.

Then learning at an equal wall-clock budget: RecurrentPPO `seed002`, `fast` and `fast_thorough` each
train for `--budget` seconds on the regime market of 18_planted's memory check (5,000 training days, window 1,
observing only ret_1, the account columns zero, so only the LSTM can tell the regimes apart) and are scored out of
sample (Sharpe after costs on the following 747 days) for each seed.

    .venv/bin/python benchmarks/rl_throughput.py [--seconds 20] [--budget 120] [--seeds 0 1 2]

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

CONFIGS = [("recurrent_ppo", "seed002"), ("recurrent_ppo", "fast"), ("recurrent_ppo", "fast_thorough"), ("ppo", "fast")]
LEARNING_PRESETS = ("seed002", "fast", "fast_thorough")


def throughput(algorithm: str, preset: str, X, r, seconds: float) -> float:
    "Environment steps per second of training: whole rollout-and-update cycles, repeated until `seconds` have passed."
    settings = load_settings(None, {f"{algorithm}.preset": preset})
    cfg = agent_config(settings, algorithm)
    cls, policy = algorithm_class(algorithm)
    model = cls(policy, training_env(X, r, settings, cfg, 0), seed=0, **algorithm_kwargs(cfg))
    model.set_logger(Logger(None, []))  # SB3's default logger makes an empty folder in the temp directory per learn()
    with torch_threads(cfg.torch_threads):
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds or model.num_timesteps < 2 * cfg.rollout_size:
            model.learn(cfg.rollout_size, reset_num_timesteps=False)
        return model.num_timesteps / (time.perf_counter() - t0)


def main(seconds: float = 20.0, budget: float = 120.0, seeds=(0, 1, 2)):
    train, *_ = planted_fold("regime", 0)
    _, X, r = training_arrays(train, FEATURE_SETS["price"])
    print(f"throughput: regime market, {len(r)} training rows, 21 price features, window 20, ~{seconds:.0f}s each")
    speed = {f"{a} {p}": throughput(a, p, X, r, seconds) for a, p in CONFIGS}
    for k, v in speed.items():
        print(f"  {k:<24s} {v:>10,.0f} env steps/s")
    ratio = speed["recurrent_ppo fast"] / speed["recurrent_ppo seed002"]
    print(f"  ratio RecurrentPPO fast / seed002: {ratio:.1f}x (target >= 25x)")
    thorough = speed["recurrent_ppo fast_thorough"] / speed["recurrent_ppo seed002"]
    print(f"  ratio RecurrentPPO fast_thorough / seed002: {thorough:.1f}x")
    print(f"  ratio PPO fast / RecurrentPPO fast: {speed['ppo fast'] / speed['recurrent_ppo fast']:.1f}x")

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
    p.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    a = p.parse_args()
    main(a.seconds, a.budget, a.seeds)
