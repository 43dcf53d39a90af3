"""Run a command and report the peak total resident memory of its process tree (workers included) and its wall time.

    .venv/bin/python benchmarks/peak_memory.py [--every 2] -- make report PROFILE=panel RUN=panel

`/usr/bin/time -v` reports the largest single process; a study's memory is the sum over the kernel and its workers,
sampled here every `--every` seconds (a peak shorter than that can be missed). Prints one line at the end and writes
nothing else; the command's own output passes through.
"""

import argparse
import subprocess
import sys
import time

import psutil

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--every", type=float, default=2.0)
p.add_argument("command", nargs=argparse.REMAINDER)
a = p.parse_args()
cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
if not cmd:
    p.error("give the command to run after --")
t0, peak = time.time(), 0
proc = subprocess.Popen(cmd)
root = psutil.Process(proc.pid)
while proc.poll() is None:
    try:
        tree = [root, *root.children(recursive=True)]
        peak = max(peak, sum(q.memory_info().rss for q in tree if q.is_running()))
    except psutil.Error:
        pass
    time.sleep(a.every)
print(
    f"peak_memory: {peak / 2**30:.2f} GiB (process tree total), wall {time.time() - t0:.0f} s, "
    f"exit {proc.returncode}: {' '.join(cmd)}",
    file=sys.stderr,
    flush=True,
)
sys.exit(proc.returncode)
