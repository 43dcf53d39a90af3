"""The dual system from the shell: a study on collector-written episodes, its replay, bad input, the prediction log."""

import json
import shutil
import subprocess
import sys

import pytest
from conftest import run_cli as thesis_rl  # thesis_rl(venv_bin, project, *args, stdin=None, check=True)

EPISODES = [
    "data.source=sp500",
    "data.calendar=XNYS",
    "signals.source=episodes:examples/episodes-sp500.jsonl",
    "walkforward.strategies=['llm_system', 'consensus']",
    "study.contrasts=[]",
]


@pytest.fixture(scope="module")
def project(root, tmp_path_factory):
    "A scratch project root (THESIS_RL_ROOT) sharing the settings, notebooks, example episodes and the data snapshots."
    scratch = tmp_path_factory.mktemp("project")
    for f in ("settings.ini", "pyproject.toml"):
        shutil.copy(root / f, scratch / f)
    for d in ("nbs", "examples"):
        (scratch / d).symlink_to(root / d)
    (scratch / "data").mkdir()
    for f in (root / "data").glob("*"):
        (scratch / "data" / f.name).symlink_to(f)
    return scratch


def sets(items):
    return [x for item in items for x in ("--set", item)]


def test_episode_study_replays_the_collectors_positions(venv_bin, project):
    "llm_system holds the collector's exposure (clipped to max_position) each test day; the manifest records the join."
    import pandas as pd
    from thesis_rl.signals import load_episodes

    thesis_rl(venv_bin, project, "run", "--profile", "smoke", "--run", "episodes", *sets(EPISODES))
    run = project / "reports" / "episodes"
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["signals"]["ticker"] == "SPX" and manifest["signals"]["policy"] == "refuse"
    assert manifest["signals"]["price_days_without_episode"] == 0 and manifest["signals"]["episodes"] == 420
    results = pd.read_parquet(run / "results.parquet")
    replay = results[results["strategy"] == "llm_system"].set_index("date")["position"]
    own = {
        pd.Timestamp(e.date): e.portfolio_after.positions["SPX"]
        * e.market_data["SPX"]["close"]
        / e.portfolio_after.total_value
        for e in load_episodes(project / "examples" / "episodes-sp500.jsonl")
    }
    assert len(replay) == 126 and all(replay[d] == min(1.0, max(-1.0, own[d])) for d in replay.index)


@pytest.mark.parametrize(
    "setting, message",
    [
        ("signals.source=agents", "llm_system replays the decisions recorded in episodes, but signals.source = agents"),
        ("signals.source=episodes:examples/none.jsonl", "examples/none.jsonl: no such file or folder"),
        ("signals.missing=fill", "signals.missing = 'fill' is not valid; valid values: refuse, neutral"),
    ],
)
def test_bad_episode_input_is_one_line_and_exit_2(venv_bin, project, setting, message):
    "Bad input fails before anything trains: one line naming what was wrong, exit 2 (11_walkforward tests the rest)."
    res = thesis_rl(
        venv_bin,
        project,
        "run",
        "--profile",
        "smoke",
        "--run",
        "bad-episodes",
        *sets(EPISODES + [setting]),
        check=False,
    )
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1 and message in res.stderr, res.stderr
    assert not list((project / "reports" / "bad-episodes").rglob("*.parquet"))


def _snapshot():
    from thesis_rl.data import synthetic_prices

    prices = synthetic_prices("trend", seed=0, n_days=700).iloc[-300:].round(4)
    bars = [{"date": str(t.date()), **row} for t, row in prices.to_dict("index").items()]
    return json.dumps(
        {
            "symbol": "SYN",
            "timestamp": bars[-1]["date"],
            "position": 0.0,
            "balance": 1e5,
            "unrealized_pnl": 0.0,
            "bars": bars,
        }
    )


def test_predictions_are_logged_and_summarised(venv_bin, project):
    "Each predict logs a line (not with --no-log); `predictions` summarises them; a crash mid-write leaves whole lines."
    thesis_rl(
        venv_bin,
        project,
        "run",
        "--profile",
        "smoke",
        "--run",
        "logged",
        "--set",
        "walkforward.strategies=['buy_and_hold', 'flat']",
        "--set",
        "study.contrasts=[]",
    )
    log = project / "reports" / "logged" / "predictions.jsonl"
    for extra in ([], [], ["--no-log"]):
        thesis_rl(venv_bin, project, "predict", "--run", "logged", *extra, stdin=_snapshot())
    lines = log.read_text().splitlines()
    assert len(lines) == 2 and {"time", "run", "snapshot_sha256", "models", "ensemble", "confidence"} <= set(
        json.loads(lines[0])
    )
    crash = (
        "import json, os, pathlib, sys\nfrom thesis_rl import cli\n"
        "def half_then_die(self, data): open(self, 'wb').write(data[: len(data) // 2]); os._exit(3)\n"
        "pathlib.Path.write_bytes = half_then_die\ncli.append_line(sys.argv[1], json.loads(sys.argv[2]))\n"
    )
    assert subprocess.run([sys.executable, "-c", crash, str(log), lines[0]]).returncode == 3
    assert log.read_text().splitlines() == lines  # the log as before the crash: no partial line
    out = thesis_rl(venv_bin, project, "predictions", "--run", "logged").stdout
    assert "2 predictions of 1 snapshots" in out and "buy_and_hold 100%" in out, out
