"""Speed of the default LSTM (06_lstm) on this machine's CPU, against references measured side by side in one run.

Data: a synthetic `trend` market (thesis_rl.data.synthetic_prices) with the agents' signals and every causal
feature, the `agents75` set (70 columns), 20-day windows. Timed (median of --repeats runs, wall clock, one process),
each with 1 torch thread and with torch's default thread count, side by side:

  train      samples per second through LSTMTradingModel (2 x 128 LSTM, batch norm, dense 64) forward + backward +
             Adam, batches of 32: one epoch over the fit windows, as LSTMTrainer runs it
  infer      samples per second of predict_windows (eval mode, fixed chunks of 256 windows)
  mlp        reference: the same training loop for a 2-layer MLP (flattened window -> 128 -> 64 -> 1), the cheapest
             network that sees the same inputs: train / mlp says what the recurrence costs
  fit        (with --fit-threads, default 1) one LSTMStrategy.fit with the default settings on folds of 250 and 1,000 days (early stopping decides
             the epochs, at most 50): the number the issue asks for ("seconds, not minutes")

    .venv/bin/python benchmarks/lstm_speed.py [--repeats 3] [--no-fit] [--fit-threads 1]

On a machine whose cores are busy with other processes, torch's OpenMP threads wait for each other: more threads
than free cores can make training tens of times slower; the two rows show it.

Target (issue): fitting the default LSTM on one fold of 250-1,000 days takes seconds, not minutes.
"""
import argparse
import statistics
import time

import numpy as np
import torch
from torch import nn

from thesis_rl.backtest import FoldData, forward_returns
from thesis_rl.config import load_settings
from thesis_rl.data import synthetic_prices
from thesis_rl.features import FEATURE_SETS, FoldScaler, build_features, make_sequences
from thesis_rl.lstm import LSTMTradingModel, lstm_loss, lstm_strategy, predict_windows
from thesis_rl.signals import run_agents


def timed(fn, repeats: int) -> float:
    "Median wall-clock seconds of `fn()` over `repeats` runs."
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter(); fn(); times.append(time.perf_counter() - t0)
    return statistics.median(times)


def one_epoch(model, X, y, batch=32, multitask=False):
    "One pass of Adam over (X, y) in shuffled batches, as LSTMTrainer does."
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    for idx in torch.randperm(len(X)).split(batch):
        if len(idx) < 2: continue
        out = model(X[idx])
        loss = lstm_loss(out, {"movement": y[idx]}) if isinstance(out, dict) else nn.functional.mse_loss(out.squeeze(-1), y[idx])
        opt.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step()


def fold(n_days: int) -> FoldData:
    prices = synthetic_prices("trend", 0, n_days + 251)
    signals = run_agents(prices)
    f = build_features(prices, signals=signals)
    return FoldData(prices.loc[f.index], f, signals.loc[f.index], forward_returns(prices).loc[f.index])


def main(repeats: int, fit: bool, fit_threads: int):
    default_threads = torch.get_num_threads()
    torch.manual_seed(0)
    data = fold(1000)
    cols = FEATURE_SETS["agents75"]
    X, y, _ = make_sequences(FoldScaler().fit_transform(data.features[cols]), data.forward_returns, 20)
    X, y = torch.as_tensor(X), torch.as_tensor(y)
    n = len(X)
    print(f"torch {torch.__version__}, device cpu; {n} windows of 20 x {len(cols)}")
    for threads in sorted({1, default_threads}):
        torch.set_num_threads(threads)
        torch.manual_seed(0)
        lstm = LSTMTradingModel(len(cols))
        mlp = nn.Sequential(nn.Flatten(), nn.Linear(20 * len(cols), 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 1))
        t_lstm = timed(lambda: one_epoch(lstm, X, y), repeats)
        t_mlp = timed(lambda: one_epoch(mlp, X, y), repeats)
        t_inf = timed(lambda: predict_windows(lstm, X.numpy()), repeats)
        print(f"[{threads} thread{'s' if threads > 1 else ''}]")
        print(f"  train LSTM  {n / t_lstm:10,.0f} samples/s  ({t_lstm:.2f} s per epoch)")
        print(f"  train MLP   {n / t_mlp:10,.0f} samples/s  ({t_mlp:.2f} s per epoch)  reference")
        print(f"  infer LSTM  {n / t_inf:10,.0f} samples/s")
        print(f"  ratio LSTM / MLP training time: {t_lstm / t_mlp:.1f}x; inference is {t_lstm / t_inf:.1f}x training's throughput")
    torch.set_num_threads(fit_threads)
    if fit:
        settings = load_settings(None, {"lstm.progress": False})
        for days in (250, 1000):
            train = data.slice(end=data.index[days - 1])
            t0 = time.perf_counter(); s = lstm_strategy(settings).fit(train, 0); sec = time.perf_counter() - t0
            print(f"[{fit_threads} thread{'s' if fit_threads > 1 else ''}] fit default LSTM on {days:5d} days: {sec:6.1f} s, {len(s.history)} epochs (best {int(s.history['val_loss'].idxmin())}), "
                  f"{sec / len(s.history):.2f} s per epoch")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-fit", action="store_true")
    ap.add_argument("--fit-threads", type=int, default=1, help="torch threads for the strategy fits (default 1)")
    a = ap.parse_args()
    main(a.repeats, not a.no_fit, a.fit_threads)
