"""`thesis-rl` end to end: help, a smoke run, its rendered report with static figures, predictions and their errors."""

import json
import shutil
import subprocess

import pytest
from conftest import run_cli as thesis_rl  # thesis_rl(venv_bin, project, *args, stdin=None, check=True)

STRATEGIES = "walkforward.strategies=['buy_and_hold', 'flat']"
NO_CONTRASTS = "study.contrasts=[]"  # a study of other strategies names its own contrasts


@pytest.fixture(scope="module")
def cli_root(root, tmp_path_factory):
    "A scratch project root (THESIS_RL_ROOT) sharing the notebooks and settings, so runs land in its reports/."
    scratch = tmp_path_factory.mktemp("project")
    for f in ("settings.ini", "pyproject.toml"):
        shutil.copy(root / f, scratch / f)
    (scratch / "nbs").symlink_to(root / "nbs")
    return scratch


@pytest.mark.parametrize(
    "command", ["data", "run", "report", "bench", "predict", "predictions", "ledger", "init", "ladder"]
)
def test_every_command_has_help_with_an_example(venv_bin, cli_root, command):
    out = thesis_rl(venv_bin, cli_root, command, "--help").stdout
    assert "example:" in out and f"thesis-rl {command}" in out.split("example:")[1]


def test_data_prints_rows_span_and_hash(venv_bin, cli_root):
    out = json.loads(thesis_rl(venv_bin, cli_root, "data", "synthetic:trend?days=300", "--calendar", "").stdout)
    assert out["rows"] == 300 and len(out["sha256"]) == 64 and out["first"] < out["last"]


@pytest.fixture(scope="module")
def smoke_run(venv_bin, cli_root):
    "A smoke study run with the command, as `make report` runs it before rendering."
    thesis_rl(
        venv_bin,
        cli_root,
        "run",
        "--profile",
        "smoke",
        "--run",
        "cli-smoke",
        "--set",
        STRATEGIES,
        "--set",
        NO_CONTRASTS,
    )
    return cli_root / "reports" / "cli-smoke"


@pytest.fixture(scope="module")
def smoke_report(venv_bin, cli_root, smoke_run):
    "The smoke run reported with the command (papermill runs the results template), as `make report` would."
    res = thesis_rl(
        venv_bin,
        cli_root,
        "report",
        "--run",
        "cli-smoke",
        "--set",
        STRATEGIES,
        "--set",
        NO_CONTRASTS,
        "--notebooks",
        "report",
    )
    assert (
        "[1/1] report: running report.ipynb (papermill)" in res.stderr and "Passed unknown parameter" not in res.stderr
    ), res.stderr
    assert "report.pdf (" in res.stdout and "pages)" in res.stdout, res.stdout
    return smoke_run


@pytest.mark.slow  # the papermill pipeline
def test_report_renders_html_returns_and_tables(smoke_report):
    for f in (
        "report.ipynb",
        "report.html",
        "report.pdf",
        "report.typ",
        "returns.csv",
        "tables/statistics.tex",
        "figures/equity.html",
    ):
        assert (smoke_report / f).stat().st_size > 0, f
    html = (smoke_report / "report.html").read_text()
    # provenance shown, no code
    assert "settings sha256" in html and "def equity_figure" not in html and "Traceback" not in html
    assert html.index("Does anything beat buy-and-hold?") < html.index("Appendix: provenance and settings")
    assert (smoke_report / "report.pdf").read_bytes()[:4] == b"%PDF"
    assert (smoke_report / "returns.csv").read_text().startswith("date,buy_and_hold,flat")


def test_a_run_appends_to_the_ledger_once(venv_bin, cli_root, smoke_run):
    "Its two trials went into the ledger once: adding the run again adds nothing; `ledger show` counts them as smoke."
    again = json.loads(thesis_rl(venv_bin, cli_root, "ledger", "add", str(smoke_run)).stdout)
    assert (
        again["ledger"] == str(cli_root / "reports" / "ledger.sqlite")
        and again["added"] == 0
        and again["already_there"] == 2
    )
    assert "2 trials, 0 counted for real markets" in thesis_rl(venv_bin, cli_root, "ledger", "show").stdout


@pytest.mark.slow  # a browser (kaleido drives Chromium)
def test_static_figure_export(smoke_report):
    from thesis_rl.figures import static_export

    ok, why = static_export()
    if not ok:
        assert "Static export (PDF/SVG/PNG) is off" in (smoke_report / "report.html").read_text()
        pytest.skip(f"static figure export unavailable here: {why}")
    for name in ("equity", "drawdown", "rolling_sharpe", "fold_sharpe", "seeds", "cost_sweep", "positions"):
        for fmt in ("pdf", "svg", "png"):
            assert (smoke_report / "figures" / f"{name}.{fmt}").stat().st_size > 1000, f"{name}.{fmt}"
    assert (smoke_report / "figures" / "equity.png").read_bytes()[:4] == b"\x89PNG"
    assert (smoke_report / "figures" / "equity.pdf").read_bytes()[:4] == b"%PDF"


def _bars() -> list[dict]:
    "The smoke market's last 300 days as a snapshot's bars."
    from thesis_rl.data import synthetic_prices

    prices = synthetic_prices("trend", seed=0, n_days=700).iloc[-300:].round(4)
    return [{"date": str(t.date()), **row} for t, row in prices.to_dict("index").items()]


BAR_100 = f"bars[100] ({_bars()[100]['date']})"  # how an error names the bar the cases below change


def _snapshot(bar: dict | None = None, **drop):
    "A snapshot of the smoke market's last 300 days as JSON: `bar` changes bars[100], `drop` leaves fields out."
    bars = _bars()
    bars[100] |= (bar or {}) if not callable(bar) else bar(bars[100])
    snap = {
        "symbol": "SYN",
        "timestamp": bars[-1]["date"],
        "position": 0.0,
        "balance": 1e5,
        "unrealized_pnl": 0.0,
        "bars": bars,
    }
    return json.dumps({k: v for k, v in snap.items() if k not in drop})


def test_predict_answers_with_every_model(venv_bin, cli_root, smoke_run):
    out = json.loads(thesis_rl(venv_bin, cli_root, "predict", "--run", "cli-smoke", stdin=_snapshot()).stdout)
    assert out["models"]["buy_and_hold"]["action"] == "buy" and out["models"]["flat"]["action"] == "hold"
    assert out["ensemble"]["recommendation"] == "buy" and out["confidence"] == 0.5


@pytest.mark.parametrize(
    "stdin, args, message",
    [
        ("{not json", ["--run", "cli-smoke"], "malformed JSON"),
        (_snapshot(balance=True), ["--run", "cli-smoke"], "missing field(s) balance"),
        (_snapshot(bars=True), ["--run", "cli-smoke"], "missing field bars"),
        (_snapshot(), ["--run", "no-such-run"], "unknown run 'no-such-run'"),
        (_snapshot(lambda b: {"high": b["low"] - 1}), ["--run", "cli-smoke"], f"{BAR_100}: high "),
        (_snapshot({"close": -5.0}), ["--run", "cli-smoke"], f"{BAR_100}: non-positive close -5"),
        (
            _snapshot(lambda b: {"close": b["close"] * 100, "high": b["high"] * 100}),
            ["--run", "cli-smoke"],
            f"{BAR_100}: close ",
        ),
        (_snapshot({"volume": float("inf")}), ["--run", "cli-smoke"], f"{BAR_100}: volume inf"),
        (_snapshot({"date": "02/01/2002"}), ["--run", "cli-smoke"], "bars[100]: date '02/01/2002' is not a date"),
        (
            json.dumps(json.loads(_snapshot()) | {"features": [{"date": "2002-01-02", "ret_1": 0.0}], "bars": None}),
            ["--run", "cli-smoke"],
            "field bars must be a non-empty list",
        ),
        (
            json.dumps({k: v for k, v in json.loads(_snapshot()).items() if k != "bars"} | {"features": [{"d": 1}]}),
            ["--run", "cli-smoke"],
            "field features is not accepted: send bars",
        ),
        (_snapshot(), ["--run", "cli-smoke", "--strict"], "--strict: symbol 'SYN' is none of the run's markets"),
    ],
)
def test_predict_errors_are_one_line_and_exit_2(venv_bin, cli_root, smoke_run, stdin, args, message):
    res = thesis_rl(venv_bin, cli_root, "predict", *args, stdin=stdin, check=False)
    assert res.returncode == 2 and res.stdout == ""
    assert len(res.stderr.strip().splitlines()) == 1 and message in res.stderr, res.stderr


@pytest.mark.slow  # the papermill pipeline
def test_papermill_study_with_a_process_pool(venv_bin, cli_root):
    "Papermill runs the results template as `make report` does: the study on two pool workers (they import run_task)."
    cheap = "walkforward.strategies=['buy_and_hold', 'consensus', 'lightgbm']"
    thesis_rl(
        venv_bin,
        cli_root,
        "report",
        "--run",
        "cli-pool",
        "--profile",
        "smoke",
        "--set",
        cheap,
        "--set",
        NO_CONTRASTS,
        "--set",
        "walkforward.n_workers=2",
        "--notebooks",
        "report",
    )
    run = cli_root / "reports" / "cli-pool"
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["finished"] and manifest["settings"]["walkforward"]["n_workers"] == 2
    import pandas as pd

    results = pd.read_parquet(run / "results.parquet")
    assert set(results["strategy"]) == {"buy_and_hold", "consensus", "lightgbm"}


@pytest.mark.parametrize(
    "setting, message",
    [
        ("env.reward=sharpe", "env.reward = 'sharpe' is not valid; valid values: log, dsr, drawdown, cvar"),
        ("walkforward.mode=rolling", "walkforward.mode = 'rolling' is not valid; valid values: expanding, sliding"),
        (
            "ppo.preset=fastt",
            "ppo.preset = 'fastt' is not valid; valid presets: fast, fast_explore, fast_thorough, seed002, "
            "seed002_learn, seed002_learn_twin, seed002_myopic, seed002_myopic_twin, seed002_throughput, seed002_twin, "
            "smoke",
        ),
        (
            "walkforward.strategies=['buy_and_hold', 'lstmm']",
            "walkforward.strategies names an unknown strategy 'lstmm'; valid: buy_and_hold",
        ),
    ],
)
def test_bad_enum_settings_are_one_line_and_exit_2(venv_bin, cli_root, setting, message):
    "A bad enum-like setting fails at load: one line naming the key and the valid values, exit 2, no run folder."
    res = thesis_rl(
        venv_bin, cli_root, "run", "--profile", "smoke", "--run", "bad-setting", "--set", setting, check=False
    )
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1 and message in res.stderr, res.stderr
    assert not (cli_root / "reports" / "bad-setting").exists()


def test_verbose_shows_the_modules_info_lines(venv_bin, cli_root):
    data = ["data", "synthetic:trend?days=300", "--calendar", ""]
    assert "INFO" not in thesis_rl(venv_bin, cli_root, *data).stderr
    for flags in (["-v"], ["--log-level", "INFO"], ["-vv"]):
        err = thesis_rl(venv_bin, cli_root, *flags, *data).stderr
        assert "INFO thesis_rl.data: synthetic:trend?days=300: 300 rows" in err, (flags, err)
    assert "INFO" not in thesis_rl(venv_bin, cli_root, "-v", *data, "--log-level", "WARNING").stderr


@pytest.mark.slow  # a browser
def test_report_html_in_headless_chromium(smoke_report, tmp_path):
    "report.html in Debian's chromium: each figure loads (a broken image shows a note), no script error, no error text."
    import re

    browser = next(
        (shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None
    )
    if browser is None:
        pytest.skip("no Chrome or Chromium here (CI installs Debian's chromium)")
    res = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'chrome'}",
            "--allow-file-access-from-files",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=10000",
            "--dump-dom",
            (smoke_report / "report.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    dom = res.stdout
    figures = len(re.findall(r"<figure ", dom))
    assert figures >= 7 and dom.count("<figcaption><b>Figure ") == figures, dom[:2000]
    # the page's script replaces a broken image by such a note
    assert not re.findall(r'<p class="missing[^<]*', dom), re.findall(r'<p class="missing[^<]*', dom)
    from thesis_rl.figures import static_export

    if static_export()[0]:
        assert len(re.findall(r'<img src="figures/[a-z_]+\.svg"', dom)) == figures
    assert not re.search(r"Uncaught|SyntaxError|TypeError|ReferenceError", res.stderr), res.stderr[-2000:]
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", dom, flags=re.S))
    for bad in ("Traceback", "Warning", "NaN", " inf ", "Error"):
        assert bad not in text, bad


def test_help_is_fast_and_version(venv_bin, cli_root):
    "`thesis-rl --help` imports neither torch, pandas nor plotly (it answers at once); `--version` names the package's."
    import sys

    code = (
        "import sys; from thesis_rl.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('torch', 'pandas', 'plotly', 'thesis_rl.report') if m in sys.modules))"
    )
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"
    )
    from thesis_rl import __version__

    assert thesis_rl(venv_bin, cli_root, "--version").stdout.strip() == f"thesis-rl {__version__}"


def test_report_without_papermill_writes_the_document(smoke_run, monkeypatch, capsys):
    "Without the report extra, `thesis-rl report` runs the study in-process, writes the document, says what it skipped."
    from thesis_rl import cli

    monkeypatch.setenv("THESIS_RL_ROOT", str(smoke_run.parent.parent))
    monkeypatch.setattr(cli, "missing_report_extra", lambda: ["papermill"])
    (smoke_run / "report.html").unlink(missing_ok=True)  # papermill's, where the slow tests rendered it in this session
    assert cli.main(["report", "--run", "cli-smoke", "--set", STRATEGIES, "--set", NO_CONTRASTS]) == 0
    err = capsys.readouterr().err
    assert (
        err.count("thesis-rl report:") == 1
        and "papermill not installed (pip install 'thesis_rl[report]' renders them)" in err
    ), err
    assert (smoke_run / "report.html").exists() and (smoke_run / "report.pdf").exists()
    assert cli.main(["report", "--run", "cli-smoke", "--notebooks", "12_metrics"]) == 2
    assert (
        capsys.readouterr().err.strip()
        == "thesis-rl report: rendering notebooks needs papermill: pip install 'thesis_rl[report]'"
    )


def test_predict_answers_with_the_run_s_warnings(venv_bin, cli_root, smoke_run):
    "The snapshot's symbol is not the run's market: answered, with a warning; `trend` names the market: no warning."
    out = json.loads(
        thesis_rl(venv_bin, cli_root, "predict", "--run", "cli-smoke", "--no-log", stdin=_snapshot()).stdout
    )
    assert out["warnings"] == [
        "symbol 'SYN' is none of the run's markets (synthetic:trend): its models learned another market"
    ]
    assert out["ensemble"] | {"position": 0} == {
        "position": 0,
        "recommendation": "buy",
        "source": "mean of models",
        "answered": 2,
        "members": 2,
        "failed": [],
    }
    trend = json.dumps(json.loads(_snapshot()) | {"symbol": "trend"})
    assert (
        json.loads(thesis_rl(venv_bin, cli_root, "predict", "--run", "cli-smoke", "--no-log", stdin=trend).stdout)[
            "warnings"
        ]
        == []
    )


def test_predict_repairs_a_cut_last_line(venv_bin, cli_root, smoke_run):
    "A log whose last line was cut: the partial line is dropped and counted, the new record is a line of its own."
    log = smoke_run / "predictions.jsonl"
    thesis_rl(venv_bin, cli_root, "predict", "--run", "cli-smoke", stdin=_snapshot())
    before = log.read_text().splitlines()
    log.write_text("\n".join(before) + "\n" + before[-1][:40])  # a last record cut after 40 characters
    res = thesis_rl(venv_bin, cli_root, "predict", "--run", "cli-smoke", stdin=_snapshot())
    assert json.loads(res.stdout)["ensemble"]["recommendation"] == "buy"
    assert res.stderr.strip() == f"thesis-rl predict: {log}: dropped a cut last line (40 bytes) before appending"
    after = [json.loads(line) for line in log.read_text().splitlines()]  # every line parses: nothing glued
    assert len(after) == len(before) + 1


def _read_only(monkeypatch, folder):
    "Writes under `folder` fail as in a read-only folder (EACCES), even for root (whom chmod does not stop)."
    import builtins
    import errno
    import io
    import os

    inside = lambda p: os.path.abspath(os.fspath(p)).startswith(str(folder))
    denied = lambda p: PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(p))
    real_open, real_os_open, real_mkdir = builtins.open, os.open, os.mkdir

    def open_(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and set(mode) & set("wax+") and inside(file):
            raise denied(file)
        return real_open(file, mode, *args, **kwargs)

    def os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and inside(path):
            raise denied(path)
        return real_os_open(path, flags, *args, **kwargs)

    def mkdir(path, *args, **kwargs):
        if inside(path):
            raise denied(path)
        return real_mkdir(path, *args, **kwargs)

    for module, name, fake in (
        (builtins, "open", open_),
        (io, "open", open_),
        (os, "open", os_open),
        (os, "mkdir", mkdir),
    ):
        monkeypatch.setattr(module, name, fake)


def test_predict_into_a_read_only_run_prints_then_says_why_not_logged(smoke_run, monkeypatch, capsys):
    "The answer is printed whole, then one line about the log (exit 1); the log is as it was."
    import io
    import sys

    from thesis_rl import cli

    monkeypatch.setenv("THESIS_RL_ROOT", str(smoke_run.parent.parent))
    log = smoke_run / "predictions.jsonl"
    before = log.read_bytes() if log.exists() else None
    monkeypatch.setattr(sys, "stdin", io.StringIO(_snapshot()))
    _read_only(monkeypatch, smoke_run)
    assert cli.main(["predict", "--run", "cli-smoke"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["ensemble"]["recommendation"] == "buy"
    assert err.strip() == (
        f"thesis-rl predict: the answer above was not logged: {smoke_run}/.predictions.jsonl.lock: "
        "Permission denied [EACCES]"
    )
    assert (log.read_bytes() if log.exists() else None) == before


def test_read_only_reports_and_a_full_disk_are_one_line(cli_root, monkeypatch, capsys):
    "A study into a read-only reports/, and one whose disk is full: one line naming the path and the errno, exit 2."
    import errno
    import os
    import pathlib

    from thesis_rl import cli

    monkeypatch.setenv("THESIS_RL_ROOT", str(cli_root))
    study = ["run", "--profile", "smoke", "--run", "cli-denied", "--set", STRATEGIES, "--set", NO_CONTRASTS]
    with monkeypatch.context() as m:
        _read_only(m, cli_root / "reports")
        assert cli.main(study) == 2
    err = capsys.readouterr().err
    # the run folder's lock is the first file written (11_walkforward): one line naming it and the refusal
    assert len(err.splitlines()) == 1 and err.startswith(f"thesis-rl run: {cli_root}/reports/cli-denied"), err
    assert "Permission denied" in err, err

    def disk_full(self, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(pathlib.Path, "write_bytes", disk_full)
    assert cli.main([*study[:4], "cli-full", *study[5:]]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith(f"thesis-rl run: {cli_root}/reports/cli-full/"), err
    assert err.strip().endswith("No space left on device [ENOSPC]"), err


def test_a_closed_pipe_is_no_traceback(venv_bin, cli_root):
    "`thesis-rl ledger show | head -1`: the reader leaves before the command writes; it stops quietly, exit 1."
    import os

    proc = subprocess.Popen(
        [str(venv_bin / "thesis-rl"), "ledger", "show"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ | {"THESIS_RL_ROOT": str(cli_root)},
        cwd=cli_root,
    )
    proc.stdout.close()  # the reader has gone: the command's first write meets a closed pipe (it starts in ~1 s)
    err = proc.stderr.read().decode()
    assert proc.wait() == 1 and "Traceback" not in err and "BrokenPipeError" not in err, err


def test_an_all_zero_volume_column_is_named(venv_bin, cli_root, tmp_path):
    from thesis_rl.data import synthetic_prices

    synthetic_prices("trend", seed=0, n_days=700).assign(volume=0.0).to_csv(tmp_path / "zero_volume.csv")
    res = thesis_rl(
        venv_bin,
        cli_root,
        "run",
        "--profile",
        "smoke",
        "--run",
        "cli-zero-volume",
        "--set",
        f"data.source=csv:{tmp_path / 'zero_volume.csv'}",
        "--set",
        STRATEGIES,
        "--set",
        NO_CONTRASTS,
        check=False,
    )
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert "column 'volume' is all zero, so volume_z_20 has no value and no date is usable" in res.stderr


def test_report_takes_the_overrides_the_run_recorded(smoke_run, monkeypatch, capsys):
    "`thesis-rl report --run R` without --set reports the run made with --set; a --set that differs is refused."
    from thesis_rl import cli, report

    monkeypatch.setenv("THESIS_RL_ROOT", str(smoke_run.parent.parent))
    monkeypatch.setattr(cli, "missing_report_extra", lambda: ["papermill"])
    built = []
    monkeypatch.setattr(report, "build_report", lambda folder, profile, overrides: built.append(overrides) or {})
    assert cli.main(["report", "--run", "cli-smoke"]) == 0
    recorded = json.loads((smoke_run / "manifest.json").read_text())["overrides"]
    assert built == [dict(s.split("=", 1) for s in recorded)]
    capsys.readouterr()
    assert cli.main(["report", "--run", "cli-smoke", "--set", "costs.cost_bps=7"]) == 2
    note, refusal = capsys.readouterr().err.splitlines()  # the note that papermill is missing, then the refusal
    assert (
        note.startswith("thesis-rl report: papermill not installed")
        and "costs.cost_bps" in refusal
        and "-> 7.0" in refusal
    ), refusal


def _init(venv_bin, folder, *args, check=True):
    "`thesis-rl *args` in `folder` as a plain install runs it: no THESIS_RL_ROOT, the working folder is the project."
    import os

    env = {k: v for k, v in os.environ.items() if k != "THESIS_RL_ROOT"}
    res = subprocess.run([str(venv_bin / "thesis-rl"), *args], capture_output=True, text=True, env=env, cwd=folder)
    if check and res.returncode:
        raise AssertionError(f"thesis-rl {' '.join(args)} exited {res.returncode}:\n{res.stdout}\n{res.stderr}")
    return res


def test_init_writes_a_project_that_runs(venv_bin, tmp_path):
    "`thesis-rl init DIR`: the installed package's settings.ini, data/, reports/, a README; a study then runs there."
    from importlib.resources import files

    _init(venv_bin, tmp_path, "init", "my-study")
    study = tmp_path / "my-study"
    assert sorted(p.name for p in study.iterdir()) == ["README.md", "data", "pyproject.toml", "reports", "settings.ini"]
    shipped = files("thesis_rl") / "settings.ini"  # package data, where the installed package is
    assert (study / "settings.ini").read_text() == shipped.read_text() and "[profile:smoke]" in shipped.read_text()
    _init(venv_bin, study, "run", "--profile", "smoke", "--run", "first", "--set", STRATEGIES, "--set", NO_CONTRASTS)
    assert (study / "reports" / "first" / "results.parquet").exists()
    again = _init(venv_bin, tmp_path, "init", "my-study", check=False)
    assert again.returncode == 2 and again.stderr.strip().endswith(
        "exists: thesis-rl init makes a new project and overwrites nothing"
    )


def test_the_default_settings_ship_as_package_data(root):
    "pyproject's package data names settings.ini, and the package's file is the repository's (a link to it)."
    import tomllib

    package_data = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "settings.ini" in package_data["thesis_rl"]
    assert (root / "thesis_rl" / "settings.ini").read_text() == (root / "settings.ini").read_text()


@pytest.mark.slow  # the results document of a smoke study, in-process, in a folder made by `thesis-rl init` (~30 s)
def test_report_in_an_init_folder(venv_bin, tmp_path):
    _init(venv_bin, tmp_path, "init", "paper")
    res = _init(venv_bin, tmp_path / "paper", "report", "--profile", "smoke", "--run", "x")
    assert (tmp_path / "paper" / "reports" / "x" / "report.pdf").read_bytes()[:4] == b"%PDF", res.stderr
