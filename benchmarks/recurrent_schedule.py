"""RecurrentPPO with the seed002 network (an LSTM of 256 units, a critic LSTM of its own, heads [128, 64]) under several
rollout/update schedules, side by side in one run: environment steps per second, and where the time goes.

Every configuration is sb3-contrib's own RecurrentPPO on the same network and the same environment (the planted
`regime` market, 2,000 training days, the 21 `price` features, window 20, a VecTradingEnv in VecNormalize, exactly as
RLStrategy.fit builds it); only the schedule differs:

  issue reference   64 envs x 64 steps, minibatch 2,048, 4 epochs (the 1,277 steps/s the issue measured)
  seed002 as is     the seed's own schedule: 1 env x 512 steps, minibatch 128, 10 epochs
  throughput        more environments stepped together and fewer, larger minibatch passes: the rollout's per-step
                    Python overhead is paid once per batch of envs, and the update's cost per sample falls

Each repeats whole rollout-and-update cycles (at least two) for about `--seconds`; the time inside collect_rollouts
(rollout: the policy's forward pass per step, the environment, the buffer) and inside train (update: sequence padding,
forward and backward over the minibatches) is measured separately. Torch threads: --threads (default 2, the cores).

    .venv/bin/python benchmarks/recurrent_schedule.py [--seconds 30] [--threads 2]

Target (issue): >= 4,000 env steps/s on 2 cores for the seed002 network with a throughput schedule.
"""

import argparse
import dataclasses
import time

from stable_baselines3.common.logger import Logger

from thesis_rl.config import load_settings
from thesis_rl.features import FEATURE_SETS
from thesis_rl.planted import planted_fold
from thesis_rl.rl import agent_config, algorithm_class, algorithm_kwargs, torch_threads, training_arrays, training_env

SCHEDULES = {
    "issue reference": dict(n_envs=64, n_steps=64, batch_size=2048, n_epochs=4),
    "seed002 as is": dict(),
    "throughput 128x32 b4096 e2": dict(n_envs=128, n_steps=32, batch_size=4096, n_epochs=2),
    "throughput 256x16 b4096 e1": dict(n_envs=256, n_steps=16, batch_size=4096, n_epochs=1),
    "throughput 256x32 b8192 e1": dict(n_envs=256, n_steps=32, batch_size=8192, n_epochs=1),
}


def measure(schedule: dict, X, r, seconds: float, threads: int) -> dict:
    settings = load_settings(None, {"recurrent_ppo.preset": "seed002"})
    cfg = dataclasses.replace(agent_config(settings, "recurrent_ppo"), torch_threads=threads, **schedule)
    cls, policy = algorithm_class("recurrent_ppo")
    model = cls(policy, training_env(X, r, settings, cfg, 0), seed=0, **algorithm_kwargs(cfg))
    model.set_logger(Logger(None, []))
    spent = {"rollout": 0.0, "update": 0.0}

    def timed(name, fn):
        def run(*a, **k):
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += time.perf_counter() - t0

        return run

    model.collect_rollouts, model.train = timed("rollout", model.collect_rollouts), timed("update", model.train)
    with torch_threads(cfg.torch_threads):
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds or model.num_timesteps < 2 * cfg.rollout_size:
            model.learn(cfg.rollout_size, reset_num_timesteps=False)
        wall = time.perf_counter() - t0
    return {
        "steps/s": model.num_timesteps / wall,
        "rollout share": spent["rollout"] / wall,
        "update share": spent["update"] / wall,
        "rollout steps/s": model.num_timesteps / spent["rollout"],
        "steps": model.num_timesteps,
        "schedule": f"{cfg.n_envs}x{cfg.n_steps}, batch {cfg.batch_size}, {cfg.n_epochs} epochs",
    }


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=30.0)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    train, *_ = planted_fold("regime", 0)
    _, X, r = training_arrays(train, FEATURE_SETS["price"])
    print(
        "RecurrentPPO (sb3-contrib), seed002 network: LSTM 256 + critic LSTM, net_arch [128, 64]; "
        f"{len(r)} training rows, "
        f"{a.threads} torch threads, ~{a.seconds:.0f} s each",
        flush=True,
    )
    out = {}
    for name, schedule in SCHEDULES.items():
        out[name] = m = measure(schedule, X, r, a.seconds, a.threads)
        print(
            f"  {name:28s} {m['schedule']:32s} {m['steps/s']:7,.0f} steps/s  "
            f"(rollout {m['rollout share']:.0%} at {m['rollout steps/s']:,.0f} steps/s, "
            f"update {m['update share']:.0%})",
            flush=True,
        )
    ref = out["issue reference"]["steps/s"]
    for name, m in out.items():
        print(f"  ratio {name} / issue reference: {m['steps/s'] / ref:.2f}")
    best = max(out, key=lambda k: out[k]["steps/s"])
    print(f"best: {best}, {out[best]['steps/s']:,.0f} steps/s (target >= 4,000)")
