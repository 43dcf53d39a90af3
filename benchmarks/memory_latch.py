"""Can an LSTM learn the planted memory market's latch? A bare PyTorch run beside the project's pipeline.

    .venv/bin/python benchmarks/memory_latch.py [--markets 8] [--steps 2000] [--norm layer|batch|none] [--no-chrono]
    .venv/bin/python benchmarks/memory_latch.py --pipeline [--markets 8] [--steps 400] [--ema 0.99]

One 32-unit LSTM, a 16-unit ReLU layer (dropout 0.2) and a linear output, on each `memory` market's daily log return
and its size (both / 0.01), trained on chunks of 504 days (the first 251 a burn-in without a loss) drawn from a grid
of starts over the first 2,000 days, 4 chunks a step, Adam 1e-3; every fifth of the steps it prints the test days'
mean correlation of the prediction with the hidden regime sign and the gross Sharpe ratio of trading its sign daily.
The norm between the LSTM and the ReLU layer is the choice 06_lstm measured: batch norm over a batch of chunks
subtracts the regimes' shared state.

`--pipeline` runs the same loop on the project's own pieces instead: 18_planted's markets (`planted_fold`), its
chunks and targets (`LSTMStrategy._samples`, `TargetScale`), its network (`LSTMTradingModel`, `bar` features, layer
norm and chrono) and its predictions (`predict_frame`), printing the state correlation once, after `--steps`: what
`LSTMTrainer` (epochs, early stopping, learning-rate plateaus) adds or loses is the difference to `memory_check`.
`--ema` evaluates an exponential moving average of the weights instead of the last ones. `--no-size` feeds the bare
LSTM the day's return alone, as the panel's `returns` feature set does; `--features returns` does so in `--pipeline`,
and `--set horizon=20` gives it the panel's 20-day label (2026-12-06: bare, 2,000 steps, state corr 0.41 with the size
and 0.30-0.37 without; pipeline, 1,000 steps, `bar` 0.28 and `returns` 0.26; at 600 steps with the 20-day label 0.34,
0.38 with `--set horizon=20 architecture=cnn_lstm`: the day's return alone is enough to learn the latch).
"""

import argparse
import json
import time

import numpy as np
import torch
import torch.nn as nn

from thesis_rl.data import synthetic_prices

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--markets", type=int, default=8)
p.add_argument("--steps", type=int, default=2000)
p.add_argument("--norm", choices=("layer", "batch", "none"), default="layer")
p.add_argument("--no-chrono", action="store_true", help="PyTorch's default gate initialisation")
p.add_argument("--pattern", default="memory")
p.add_argument("--pipeline", action="store_true", help="the project's markets, chunks, network and predictions")
p.add_argument("--ema", type=float, default=0.0, help="evaluate an exponential moving average of the weights")
p.add_argument("--no-size", action="store_true", help="the day's return without its size (as `returns`)")
p.add_argument("--features", default="bar", help="--pipeline: the feature set (the panel reads `returns`)")
p.add_argument("--set", nargs="*", default=[], help="--pipeline: [lstm] overrides, e.g. horizon=20")
args = p.parse_args()
N_DAYS, N_TRAIN, CHUNK, BURN, HIDDEN = 3000, 2000, 504, 251, 32


def pipeline():
    "The loop on the project's own markets, chunks, network and predictions; the state correlation after the steps."
    from thesis_rl.config import load_settings, set_seed
    from thesis_rl.features import FoldScaler
    from thesis_rl.lstm import LSTMTradingModel, TargetScale, lstm_strategy, movement_mse
    from thesis_rl.planted import planted_fold

    over = {"features.feature_set": args.features, "lstm.progress": False, "lstm.hidden_size": HIDDEN}
    over["lstm.num_layers"] = 1
    changes = {k: json.loads(v) if v[:1] in "-0123456789[{tf" else v for k, v in (kv.split("=", 1) for kv in args.set)}
    strategy = lstm_strategy(load_settings(None, over | {"lstm.dense_size": 16}), training="sequences", **changes)
    folds = {f"m{k}": planted_fold(args.pattern, k, N_DAYS, N_TRAIN) for k in range(args.markets)}
    set_seed(0)
    strategy.feature_names = strategy.columns(folds["m0"][0].features)
    strategy.scalers = {
        m: FoldScaler(strategy.config.scaler).fit(f[0].features[strategy.feature_names]) for m, f in folds.items()
    }
    samples = [strategy._samples(f[0], strategy.scalers[m], 0, m) for m, f in folds.items()]
    X = torch.tensor(np.concatenate([x["fit_X"] for x in samples]))
    labels = np.concatenate([x["fit_y"] for x in samples])
    strategy.target = TargetScale.fit(labels[np.isfinite(labels)])
    T = torch.tensor(strategy.target.targets(labels)["movement"])
    strategy.model = model = LSTMTradingModel.from_config(X.shape[2], strategy.config)
    strategy.rule_parameter = 0.0
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    avg = torch.optim.swa_utils.get_ema_multi_avg_fn(args.ema) if args.ema else None
    ema = torch.optim.swa_utils.AveragedModel(model, multi_avg_fn=avg) if avg else None
    for _ in range(args.steps):
        model.train()
        idx = torch.randint(len(X), (4,))
        loss = movement_mse(model(X[idx])["movement"], T[idx])
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if ema is not None:
            ema.update_parameters(model)
    if ema is not None:
        strategy.model = ema.module
    corr = []
    for m, (_, test, history, hidden) in folds.items():
        strategy.scaler = strategy.scalers[m]
        frame = strategy.predict_frame(test, history)
        corr.append(np.corrcoef(frame["expected_movement"], hidden.loc[frame.index])[0, 1])
    weights = f"ema {args.ema}" if ema else "last weights"
    print(f"pipeline, {len(X)} chunks, {args.steps} steps, {weights}: state corr {np.mean(corr):.3f}")


if args.pipeline:
    pipeline()
    raise SystemExit
torch.manual_seed(0)
torch.set_flush_denormal(True)
R, S = [], []
for k in range(args.markets):
    bars = synthetic_prices(args.pattern, k, N_DAYS)
    R.append(np.diff(np.log(bars["close"].to_numpy()), prepend=np.log(100.0)))
    S.append(bars.attrs["hidden"])
R, S = np.array(R, np.float32), np.array(S, np.float32)
X = torch.tensor(np.stack([R / 0.01] if args.no_size else [R / 0.01, np.abs(R) / 0.01], -1))
Y = torch.tensor(np.c_[R[:, 1:], np.full((len(R), 1), np.nan, np.float32)] / 0.01)  # y[t] = r[t + 1]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(X.shape[-1], HIDDEN, batch_first=True)
        self.norm = {"layer": nn.LayerNorm(HIDDEN), "batch": nn.BatchNorm1d(HIDDEN), "none": nn.Identity()}[args.norm]
        self.head = nn.Sequential(nn.Linear(HIDDEN, 16), nn.ReLU(), nn.Dropout(0.2), nn.Linear(16, 1))

    def forward(self, x):
        h = self.lstm(x)[0]
        h = self.norm(h.transpose(1, 2)).transpose(1, 2) if args.norm == "batch" else self.norm(h)
        return self.head(h).squeeze(-1)


net = Net()
if not args.no_chrono:  # Tallec & Ollivier (2018), as 06_lstm's LSTMTradingModel.chrono, up to 252 days
    with torch.no_grad():
        b = torch.log(torch.empty(HIDDEN).uniform_(1, 251))
        net.lstm.bias_hh_l0.zero_()
        net.lstm.bias_ih_l0.zero_()
        net.lstm.bias_ih_l0[HIDDEN : 2 * HIDDEN] = b
        net.lstm.bias_ih_l0[:HIDDEN] = -b
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
stride = CHUNK - BURN
t0 = time.perf_counter()
for step in range(1, args.steps + 1):
    market = torch.randint(args.markets, (4,))
    start = (torch.randint(0, N_TRAIN - CHUNK - 1, (4,)) // stride) * stride
    xb = torch.stack([X[m, s : s + CHUNK] for m, s in zip(market, start)])
    yb = torch.stack([Y[m, s : s + CHUNK] for m, s in zip(market, start)])
    loss = ((net(xb)[:, BURN:] - yb[:, BURN:]) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(net.parameters(), 1.0)
    opt.step()
    if step % max(args.steps // 5, 1) == 0:
        net.eval()
        with torch.no_grad():  # the test days, after a burn-in of 300 days of the training period
            pred = net(X[:, N_TRAIN - 300 :]).numpy()[:, 300:-1]
        net.train()
        state, ret = S[:, N_TRAIN:-1], R[:, N_TRAIN + 1 :]
        corr = np.mean([np.corrcoef(pred[j], state[j])[0, 1] for j in range(args.markets)])
        gain = np.sign(pred) * ret
        sharpe = np.mean(gain.mean(1) / gain.std(1)) * 252**0.5
        print(
            f"step {step}: {time.perf_counter() - t0:.0f} s, state corr {corr:.3f}, gross Sharpe {sharpe:.3f}",
            flush=True,
        )
