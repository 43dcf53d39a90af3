"""Run a command and report the peak total resident memory of its process tree (workers included) and its wall time.

    .venv/bin/python benchmarks/peak_memory.py [--every 2] [--timeline mem.csv] -- make report PROFILE=panel RUN=panel

`/usr/bin/time -v` reports the largest single process; a study's memory is the sum over the kernel and its workers,
sampled here every `--every` seconds (a peak shorter than that can be missed). Prints one line at the end, and with
`--timeline` also the three largest processes at the peak; the command's own output passes through. `--timeline FILE`
writes one CSV row per sample (seconds, total GiB, then the three largest processes as `GiB name`), so that a peak can
be placed in the command's own log (which notebook, which task) by its time.

The resident sizes (RSS) of a process and of a child it has just forked count the pages they share twice: a notebook
kernel of 4.8 GiB that forks to start a subprocess shows as 9.7 GiB for the sample that catches the fork before its
exec (2026-12-06, the panel report: one sample of 11.2 GiB between samples of 6.3 and 6.5). `--pss` sums the
proportional set sizes instead (each shared page split between the processes sharing it; Linux), which counts a fork's
pages once; slower to sample (the kernel walks each process's page tables).
"""

import argparse
import csv
import subprocess
import sys
import time

import psutil


def label(q: psutil.Process) -> str:
    "A short name for a process: a notebook kernel, a worker or a browser says what it is."
    try:
        cmd = q.cmdline()
    except psutil.Error:
        return "?"
    text = " ".join(cmd)
    for key in ("ipykernel", "papermill", "chrom", "kaleido", "thesis-rl", "multiprocessing", "loky", "ray"):
        if key in text:
            return f"{q.name()}:{key}"
    return q.name()


p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--every", type=float, default=2.0)
p.add_argument("--timeline", help="CSV file: one row per sample (seconds, total GiB, the three largest processes)")
p.add_argument("--pss", action="store_true", help="sum proportional set sizes, not resident sizes (shared pages once)")
p.add_argument("command", nargs=argparse.REMAINDER)
a = p.parse_args()
cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
if not cmd:
    p.error("give the command to run after --")
t0, peak, at_peak = time.time(), 0, []
proc = subprocess.Popen(cmd)
root = psutil.Process(proc.pid)
out = open(a.timeline, "w", newline="") if a.timeline else None  # noqa: SIM115 - open for the whole run
rows = csv.writer(out) if out else None
if rows:
    rows.writerow(["seconds", "total_gib", "first", "second", "third"])
while proc.poll() is None:
    try:
        sizes = []
        for q in [root, *root.children(recursive=True)]:
            try:
                sizes.append((q.memory_full_info().pss if a.pss else q.memory_info().rss, q))
            except psutil.Error:
                pass
        total = sum(s for s, _ in sizes)
        top = [f"{s / 2**30:.2f} {label(q)}" for s, q in sorted(sizes, key=lambda x: -x[0])[:3]]
        if total > peak:
            peak, at_peak = total, top
        if rows:
            rows.writerow([f"{time.time() - t0:.0f}", f"{total / 2**30:.2f}", *top])
            out.flush()
    except psutil.Error:
        pass
    time.sleep(a.every)
if out:
    out.close()
print(
    f"peak_memory: {peak / 2**30:.2f} GiB (process tree total, {'PSS' if a.pss else 'RSS'}), "
    f"wall {time.time() - t0:.0f} s, exit {proc.returncode}: {' '.join(cmd)}",
    file=sys.stderr,
    flush=True,
)
if a.timeline:
    print(f"peak_memory: at the peak, the largest processes: {'; '.join(at_peak)}", file=sys.stderr, flush=True)
sys.exit(proc.returncode)
