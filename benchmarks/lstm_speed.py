"""Speed of the supervised sequence models (06_lstm: the LSTM and its relatives) on this CPU, side by side in one run.

Data: a synthetic `trend` market (thesis_rl.data.synthetic_prices) with the agents' signals and every causal
feature, the `agents75` set (70 columns), 20-day windows. Timed (median of --repeats runs, wall clock, one process),
each with 1 torch thread and with torch's default thread count, side by side:

  train      samples per second through LSTMTradingModel with each architecture (lstm: 2 x 128 LSTM, batch norm,
             dense 64; gru, tcn, transformer, cnn_lstm, and the memoryless mlp at the same settings) forward +
             backward + Adam, batches of 32: one epoch over the fit windows, as LSTMTrainer runs it; the ratio column
             is each model's training throughput over the LSTM's, measured in the same run
  infer      samples per second of predict_windows (eval mode, fixed chunks of 256 windows)
  fit        (with --fit-threads, default 1) one strategy fit per architecture with the default settings on a fold of
             1,000 days (and the LSTM on 250): early stopping decides the epochs, at most 50

    .venv/bin/python benchmarks/lstm_speed.py [--repeats 3] [--no-fit] [--fit-threads 1] [--architectures lstm,gru,...]

On a machine whose cores are busy with other processes, torch's OpenMP threads wait for each other: more threads
than free cores can make training tens of times slower; the two rows show it.

  --sequences  labels per second of each architecture trained on windows (20 days, batches of 256 windows, one label
             each) and on sequences (06_lstm's training = sequences: chunks of --chunk days, default 504, a context
             of 252, 16 chunks per step), the same network, one thread, side by side; the ratio is sequences over
             windows. Then each *_seq strategy's fit on a fold of 1,000 days (its default budget: every label, early
             stopping), in seconds.

  --kernels    the panel profile's transformer_seq and gru_seq (their matched widths, chunks and batch), one training
             step (forward, backward, Adam), the project's kernel against torch's, side by side, one thread: the
             transformer without dropout on the attention weights (torch's fused attention) against with it (the
             strategies' lstm.attention_dropout, 0.2: what they run), and
             06_lstm's GRU (its backward written out) against nn.GRU

Targets (issues): fitting any of these models on one fold of 250-1,000 days takes seconds, not minutes, on one thread;
the LSTM trained on sequences reads >= 10x more labels per second than on windows.
"""

import argparse
import copy
import dataclasses
import statistics
import time

import numpy as np
import torch
from torch import nn

from thesis_rl.backtest import FoldData, forward_returns
from thesis_rl.config import load_settings
from thesis_rl.data import synthetic_prices
from thesis_rl.features import FEATURE_SETS, FoldScaler, build_features, make_sequences
from thesis_rl.lstm import (
    ARCHITECTURES,
    LSTMConfig,
    LSTMTradingModel,
    lstm_loss,
    lstm_strategy,
    make_chunks,
    predict_windows,
)
from thesis_rl.signals import run_agents


def timed(fn, repeats: int) -> float:
    "Median wall-clock seconds of `fn()` over `repeats` runs."
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def one_epoch(model, X, y, batch=32, multitask=False):
    "One pass of Adam over (X, y) in shuffled batches, as LSTMTrainer does."
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    for idx in torch.randperm(len(X)).split(batch):
        if len(idx) < 2:
            continue
        out = model(X[idx])
        loss = (
            lstm_loss(out, {"movement": y[idx]})
            if isinstance(out, dict)
            else nn.functional.mse_loss(out.squeeze(-1), y[idx])
        )
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()


def fold(n_days: int) -> FoldData:
    prices = synthetic_prices("trend", 0, n_days + 251)
    signals = run_agents(prices)
    f = build_features(prices, signals=signals)
    return FoldData(prices.loc[f.index], f, signals.loc[f.index], forward_returns(prices).loc[f.index])


def main(repeats: int, fit: bool, fit_threads: int, architectures: tuple = ARCHITECTURES):
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
        print(
            f"[{threads} thread{'s' if threads > 1 else ''}]  {'model':<12s} {'parameters':>10s} "
            f"{'train/s':>10s} {'infer/s':>10s} {'train vs lstm':>14s}"
        )
        rows = {}
        for arch in architectures:  # interleaved with the LSTM in one run, so that the ratios share the machine's state
            torch.manual_seed(0)
            net = LSTMTradingModel(len(cols), architecture=arch)
            # timed calls each lambda at once, in this iteration: no late binding of `net`
            t_train, t_inf = (
                timed(lambda: one_epoch(net, X, y), repeats),  # noqa: B023
                timed(lambda: predict_windows(net, X.numpy()), repeats),  # noqa: B023
            )
            rows[arch] = (sum(p.numel() for p in net.parameters()), n / t_train, n / t_inf)
        for arch, (params, train, infer) in rows.items():
            ratio = train / rows["lstm"][1] if "lstm" in rows else float("nan")
            print(f"   {'':<10s} {arch:<12s} {params:>10,d} {train:>10,.0f} {infer:>10,.0f} {ratio:>13.2f}x")
    torch.set_num_threads(fit_threads)
    if fit:
        settings = load_settings(None, {"lstm.progress": False})
        plan = [("lstm", 250)] + [(arch, 1000) for arch in architectures]
        for arch, days in plan:
            train = data.slice(end=data.index[days - 1])
            t0 = time.perf_counter()
            s = lstm_strategy(settings, architecture=arch).fit(train, 0)
            sec = time.perf_counter() - t0
            print(
                f"[{fit_threads} thread{'s' if fit_threads > 1 else ''}] fit {arch:<11s} on {days:5d} days: "
                f"{sec:6.1f} s, {len(s.history)} epochs "
                f"(best {int(s.history['val_loss'].idxmin())}), {sec / len(s.history):.2f} s per epoch"
            )


def sequences(repeats: int, architectures: tuple, chunk: int = 504):
    "Labels per second, windows against sequences, one thread; then each *_seq strategy's fit of a 1,000-day fold."
    torch.set_num_threads(1)
    # as LSTMTrainer does for sequences: a burn-in's gradients decay into subnormal floats, ~7x slower on a CPU
    print(
        f"subnormal floats flushed to zero for sequences (LSTMTrainer does the same): {torch.set_flush_denormal(True)}"
    )
    data = fold(6000)  # ~23 chunks: more than a batch of 16
    cols = FEATURE_SETS["agents75"]
    Z = FoldScaler().fit_transform(data.features[cols])
    settings = load_settings(None, {"lstm.progress": False})
    Xw, yw, _ = make_sequences(Z, data.forward_returns, 20)
    Xw, yw = torch.as_tensor(Xw[:4096]), torch.as_tensor(yw[:4096])
    y = data.forward_returns.reindex(Z.index).to_numpy("float32")

    def chunks(reach: int):
        "The fold's chunks of `chunk` days for a model reading `reach` days, and how many labels they hold."
        keep = (np.arange(len(y)) >= reach - 1) & np.isfinite(y)
        X, Y, _ = make_chunks(Z.to_numpy("float32"), y, keep, reach, chunk)
        return torch.as_tensor(X), torch.as_tensor(Y), int(np.isfinite(Y).sum())

    print(
        f"torch {torch.__version__}, 1 thread; windows: {len(Xw)} of 20 x {len(cols)}, batch 256; sequences: "
        f"chunks of {chunk} days (context 252), 16 chunks per step"
    )
    print(f"   {'model':<12s} {'parameters':>10s} {'windows/s':>10s} {'seq labels/s':>13s} {'ratio':>7s}")
    for arch in [a for a in architectures if a != "mlp"]:
        cw = LSTMConfig.from_settings(settings, architecture=arch)
        cs = LSTMConfig.from_settings(settings, architecture=arch, training="sequences", chunk_length=chunk)
        torch.manual_seed(0)
        win, seq = LSTMTradingModel.from_config(len(cols), cw), LSTMTradingModel.from_config(len(cols), cs)
        torch.set_flush_denormal(False)  # windows train without it (LSTMTrainer)
        t_win = timed(lambda: one_epoch(win, Xw, yw, batch=256), repeats)  # noqa: B023
        Xs, Ys, n_seq = chunks(cs.reach)
        torch.set_flush_denormal(True)
        t_seq = timed(lambda: one_epoch(seq, Xs, Ys, batch=16), repeats)  # noqa: B023
        w, q = len(Xw) / t_win, n_seq / t_seq
        params = sum(p.numel() for p in seq.parameters())
        print(f"   {arch:<12s} {params:>10,d} {w:>10,.0f} {q:>13,.0f} {q / w:>6.1f}x")
    for arch in [a for a in architectures if a != "mlp"]:
        train = data.slice(end=data.index[999])
        t0 = time.perf_counter()
        s = lstm_strategy(settings, architecture=arch, training="sequences").fit(train, 0)
        sec = time.perf_counter() - t0
        print(
            f"[1 thread] fit {arch + '_seq':<15s} on 1000 days: {sec:6.1f} s, {len(s.history)} epochs, "
            f"{s.budget['labels_drawn']:,d} labels drawn"
        )


def kernels(repeats: int):
    "The panel's transformer_seq and gru_seq: one training step each, the project's kernel against torch's, one thread."
    torch.set_num_threads(1)
    torch.set_flush_denormal(True)  # as LSTMTrainer does for sequences
    settings = load_settings("panel")
    print(f"torch {torch.__version__}, 1 thread; one training step (forward, backward, Adam), median of {repeats} x 5")

    def step_time(net, X):
        torch.manual_seed(0)
        opt = torch.optim.Adam(net.parameters())
        net.train()

        def step():
            for _ in range(5):
                opt.zero_grad()
                net(X)["movement"].sum().backward()
                opt.step()

        step()  # warm-up
        return timed(step, repeats) / 5

    for arch in ("transformer", "gru"):
        c = lstm_strategy(settings, architecture=arch, training="sequences").config
        attention = c.attention_dropout or c.dropout  # the transformer's dropout on its attention weights, as run
        c = dataclasses.replace(c, attention_dropout=0.0)  # ours: none, torch's fused attention
        X = torch.randn(c.chunk_batch, c.chunk_length, len(FEATURE_SETS[c.feature_set]))
        torch.manual_seed(0)
        ours = LSTMTradingModel.from_config(X.shape[-1], c)
        theirs = copy.deepcopy(ours)
        if arch == "transformer":  # dropout on the attention weights (torch's unfused path), as the strategies run
            label = f"attention dropout {attention} (lstm.attention_dropout) against 0 (torch's fused attention)"
            for layer in theirs.encoder.encoder.layers:
                layer.self_attn.dropout = attention
        else:  # torch's own GRU, the same weights
            label = "nn.GRU against 06_lstm's GRU (the backward written out)"
            theirs.encoder = nn.GRU(X.shape[-1], c.hidden_size, batch_first=True)
            theirs.encoder.load_state_dict(ours.encoder.state_dict())
        # ours twice, before and after: the ratio is not an ordering artefact
        t_ours, t_theirs, t_ours2 = step_time(ours, X), step_time(theirs, X), step_time(ours, X)
        t_ours = (t_ours + t_ours2) / 2
        print(
            f"   {arch}_seq (width {c.hidden_size}, {c.chunk_batch} chunks of {c.chunk_length} days): {label}: "
            f"{t_theirs * 1e3:.1f} ms against {t_ours * 1e3:.1f} ms a step, {t_theirs / t_ours:.1f}x"
        )


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-fit", action="store_true")
    ap.add_argument("--sequences", action="store_true", help="windows against sequences, labels per second")
    ap.add_argument(
        "--chunk", type=int, default=504, help="--sequences: days per chunk (default 504, lstm.chunk_length)"
    )
    ap.add_argument(
        "--kernels", action="store_true", help="the panel's transformer_seq and gru_seq, ours against torch's"
    )
    ap.add_argument("--fit-threads", type=int, default=1, help="torch threads for the strategy fits (default 1)")
    ap.add_argument(
        "--architectures", default=",".join(ARCHITECTURES), help="comma-separated architectures (default: all)"
    )
    a = ap.parse_args()
    if a.kernels:
        kernels(a.repeats)
    elif a.sequences:
        sequences(a.repeats, tuple(a.architectures.split(",")), a.chunk)
    else:
        main(a.repeats, not a.no_fit, a.fit_threads, tuple(a.architectures.split(",")))
