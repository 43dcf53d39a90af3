"""18_planted's Fischer & Krauss cell on the 49 industries, run alone: the full test period 1992-2015.

    .venv/bin/python benchmarks/fischer_krauss.py [--training sequences|windows] [--max-epochs 1000] [--days N]

The same code as the notebook's slow cell (`planted.fischer_krauss_run`, `fischer_krauss_table`), one seed, their
budget (early stopping with patience 10, at most 1,000 epochs). It stores the table and the seconds per fold in
reports/lessons/18_planted/ (fischer_krauss.parquet, fischer_krauss_timing.parquet, each with a .json naming the commit
and this command), where the notebook's slow cell stores them. Needs the optional data: pip install 'thesis_rl[panel]'.
--days N runs the first N test days only (whole study periods of 250); its tables are then stored under *_slice names.
"""

import argparse
import os
import sys
import time

from thesis_rl.config import torch_threads
from thesis_rl.planted import FK_PUBLISHED, fischer_krauss_run, fischer_krauss_table, store

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--training", choices=["sequences", "windows"], default="sequences")
p.add_argument("--max-epochs", type=int, default=1000)
p.add_argument("--days", type=int, default=0, help="test days from 1992-01-02 (0: to 2015-12-31)")
args = p.parse_args()
os.environ["LESSON_COMMAND"] = "benchmarks/fischer_krauss.py " + " ".join(sys.argv[1:])

t0 = time.perf_counter()
with torch_threads(1):  # one thread: a small LSTM gains little from two, and the other core stays free
    _, books, timing = fischer_krauss_run(
        training=args.training, max_epochs=args.max_epochs, n_days=args.days, progress=True
    )
name = "fischer_krauss" + ("_slice" if args.days else "")
store(timing, f"{name}_timing")
table = store((fischer_krauss_table(books) * 100).round(3), name)  # % a day
print(FK_PUBLISHED.to_string())
print(table.to_string())
print(timing.to_string())
print(f"{time.perf_counter() - t0:.0f} s")
