"""The walk-forward runner end to end: crash and resume, process pool and Ray give the same results."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from thesis_rl.walkforward import run_study

HERE = Path(__file__).resolve().parent
STRATEGIES = "walkforward.strategies=['buy_and_hold', 'slow_strategy:make']"
# 6 folds x (1 + 2) = 18 tasks
OVERRIDES = [STRATEGIES, "study.contrasts=[]", "walkforward.seeds=[0, 1]", "walkforward.test=21"]


@pytest.fixture(autouse=True)
def plugin_path(monkeypatch):
    monkeypatch.syspath_prepend(str(HERE))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    sys.path.insert(0, str(HERE))
    return run_study("smoke", OVERRIDES, folder=tmp_path_factory.mktemp("ref") / "run", progress=False)


def _run_in_subprocess(folder):
    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); from thesis_rl.walkforward import run_study; "
        f"run_study('smoke', {OVERRIDES!r}, folder={str(folder)!r}, progress=False)"
    )
    return subprocess.Popen([sys.executable, "-c", code])


@pytest.mark.slow  # kill and resume
def test_killed_run_resumes_to_identical_results(reference, tmp_path):
    folder = tmp_path / "run"
    proc = _run_in_subprocess(folder)
    tasks = folder / "tasks"
    deadline = time.time() + 120
    while time.time() < deadline and len(list(tasks.rglob("*.parquet"))) < 4:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = list(tasks.rglob("*.parquet"))
    assert 4 <= len(done) < 18, f"the kill should land mid-run, {len(done)} of 18 tasks were done"
    assert not (folder / "results.parquet").exists()
    for f in done:  # every file that exists is whole
        pd.read_parquet(f)
    resumed = run_study("smoke", OVERRIDES, folder=folder, progress=False)
    pd.testing.assert_frame_equal(resumed, reference)
    assert not list(folder.rglob("*.tmp")), "no temporary file is left behind"


def test_process_pool_matches_in_process(reference, tmp_path):
    res = run_study("smoke", OVERRIDES + ["walkforward.n_workers=2"], folder=tmp_path / "pool", progress=False)
    pd.testing.assert_frame_equal(res, reference)


@pytest.mark.slow  # Ray
def test_ray_matches_local(reference, tmp_path):
    ray = pytest.importorskip("ray")
    try:
        res = run_study(
            "smoke",
            OVERRIDES + ["walkforward.executor='ray'", "walkforward.ray_address='local'"],
            folder=tmp_path / "ray",
            progress=False,
        )
    finally:
        ray.shutdown()
    pd.testing.assert_frame_equal(res, reference)


def test_changed_settings_are_refused(reference, tmp_path):
    folder = tmp_path / "run"
    run_study("smoke", OVERRIDES, folder=folder, progress=False)
    with pytest.raises(ValueError, match="walkforward.test: 21 -> 42"):
        run_study(
            "smoke",
            [STRATEGIES, "study.contrasts=[]", "walkforward.seeds=[0, 1]", "walkforward.test=42"],
            folder=folder,
            progress=False,
        )


@pytest.mark.parametrize("name", ["..", ".", "../x", "/tmp/elsewhere", "a b"])
def test_cli_run_refuses_a_name_outside_reports_before_writing(name, capsys):
    from thesis_rl.cli import main
    from thesis_rl.config import project_root

    assert main(["run", "--profile", "smoke", "--run", name]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"thesis-rl run: run name {name!r} is not allowed") and err.count("\n") == 1, err
    assert not (project_root() / "manifest.json").exists() and not (project_root() / "x").exists()


def test_a_damaged_manifest_is_one_line_naming_it(tmp_path, monkeypatch, capsys, root):
    from thesis_rl.cli import main
    from thesis_rl.report import load_run

    for f in ("settings.ini", "pyproject.toml"):  # a project of its own: its reports/ is the test's
        (tmp_path / f).symlink_to(root / f)
    monkeypatch.setenv("THESIS_RL_ROOT", str(tmp_path))
    manifest = tmp_path / "reports" / "damaged" / "manifest.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text('{"settings_hash": "abc", ')  # cut off mid-write by hand
    with pytest.raises(ValueError, match=f"^{re.escape(str(manifest))} is not valid JSON"):
        load_run("damaged")
    assert main(["report", "--run", "damaged"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"thesis-rl report: {manifest} is not valid JSON") and err.count("\n") == 1, err
