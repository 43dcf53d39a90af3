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


@pytest.mark.parametrize("command", ["data", "run", "report", "bench", "predict", "predictions", "ledger"])
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


def _snapshot(**drop):
    from thesis_rl.data import synthetic_prices

    prices = synthetic_prices("trend", seed=0, n_days=700).iloc[-300:].round(4)
    bars = [{"date": str(t.date()), **row} for t, row in prices.to_dict("index").items()]
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
            "seed002_throughput, seed002_twin, smoke",
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
