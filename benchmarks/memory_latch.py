"""Can an LSTM learn the planted memory market's latch? A bare PyTorch run beside the project's pipeline.

    .venv/bin/python benchmarks/memory_latch.py [--markets 8] [--steps 2000] [--norm layer|batch|none] [--no-chrono]

One 32-unit LSTM, a 16-unit ReLU layer (dropout 0.2) and a linear output, on each `memory` market's daily log return
and its size (both / 0.01), trained on chunks of 504 days (the first 251 a burn-in without a loss) drawn from a grid
of starts over the first 2,000 days, 4 chunks a step, Adam 1e-3; every fifth of the steps it prints the test days'
mean correlation of the prediction with the hidden regime sign and the gross Sharpe ratio of trading its sign daily.
The norm between the LSTM and the ReLU layer is the choice 06_lstm measured: batch norm over a batch of chunks
subtracts the regimes' shared state.
"""

import argparse
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
args = p.parse_args()
torch.manual_seed(0)
torch.set_flush_denormal(True)
N_DAYS, N_TRAIN, CHUNK, BURN, HIDDEN = 3000, 2000, 504, 251, 32
R, S = [], []
for k in range(args.markets):
    bars = synthetic_prices(args.pattern, k, N_DAYS)
    R.append(np.diff(np.log(bars["close"].to_numpy()), prepend=np.log(100.0)))
    S.append(bars.attrs["hidden"])
R, S = np.array(R, np.float32), np.array(S, np.float32)
X = torch.tensor(np.stack([R / 0.01, np.abs(R) / 0.01], -1))
Y = torch.tensor(np.c_[R[:, 1:], np.full((len(R), 1), np.nan, np.float32)] / 0.01)  # y[t] = r[t + 1]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(2, HIDDEN, batch_first=True)
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
