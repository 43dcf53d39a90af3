"""Bad input refused before anything is written: numeric settings out of range (in-process and through `thesis-rl`),
a settings.ini value that does not parse, and prices that validate but cannot be right, through `thesis-rl data`."""

import shutil

import pytest
from conftest import run_cli as thesis_rl  # thesis_rl(venv_bin, project, *args, stdin=None, check=True)

# the cases: each one refused at load, naming the key and the valid range
OUT_OF_RANGE = {
    "lstm.max_epochs=0": "lstm.max_epochs = 0 is out of range; valid: > 0",
    "lstm.batch_size=0": "lstm.batch_size = 0 is out of range; valid: > 0",
    "lstm.validation_share=0": "lstm.validation_share = 0.0 is out of range; valid: (0, 1)",
    "lstm.hidden_size=0": "lstm.hidden_size = 0 is out of range; valid: > 0",
    "lstm.dropout=1.5": "lstm.dropout = 1.5 is out of range; valid: [0, 1)",
    "costs.max_position=-1": "costs.max_position = -1.0 is out of range; valid: > 0",
    "costs.cost_bps=-50": "costs.cost_bps = -50.0 is out of range; valid: >= 0",
    "walkforward.seeds=[]": "walkforward.seeds = [] is empty; valid: at least one value",
    "walkforward.seeds=[0, 0]": "walkforward.seeds = [0, 0] repeats 0; valid: distinct values",
    "ppo.total_timesteps=0": "ppo.total_timesteps = 0 is out of range; valid: > 0",
}


@pytest.fixture()
def project(root, tmp_path):
    "A scratch project root (settings.ini and pyproject.toml) whose reports/ a refused study must leave empty."
    for f in ("settings.ini", "pyproject.toml"):
        shutil.copy(root / f, tmp_path / f)
    return tmp_path


@pytest.mark.parametrize("override", list(OUT_OF_RANGE))
def test_a_refused_study_writes_nothing(project, monkeypatch, override):
    from thesis_rl.config import SettingsError
    from thesis_rl.walkforward import run_study

    monkeypatch.setenv("THESIS_RL_ROOT", str(project))
    with pytest.raises(SettingsError) as e:
        run_study("smoke", [override], run="refused", progress=False)
    assert f"override: {OUT_OF_RANGE[override]}" in str(e.value)
    assert not (project / "reports").exists() or not any((project / "reports").iterdir())


def test_the_command_refuses_in_one_line_and_writes_nothing(venv_bin, project):
    res = thesis_rl(
        venv_bin, project, "run", "--profile", "smoke", "--run", "zero", "--set", "ppo.total_timesteps=0", check=False
    )
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert res.stderr.strip() == f"thesis-rl run: override: {OUT_OF_RANGE['ppo.total_timesteps=0']}"
    assert not (project / "reports" / "zero").exists()


def test_a_settings_value_that_does_not_parse_names_file_line_and_key(venv_bin, project):
    ini = project / "settings.ini"
    lines = ini.read_text().splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("seeds = [0, 1, 2]"))
    lines[n] = "seeds = [0, 1, 2"
    ini.write_text("\n".join(lines) + "\n")
    res = thesis_rl(venv_bin, project, "run", "--profile", "smoke", "--run", "broken", check=False)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert f"settings.ini:{n + 1} [walkforward]: walkforward.seeds = [0, 1, 2 does not parse" in res.stderr
    assert not (project / "reports" / "broken").exists()


def _bars(n=40):
    "Daily bars on XNYS sessions, a calm random walk."
    from thesis_rl.data import synthetic_prices

    return synthetic_prices("random_walk", seed=3, n_days=n)


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda p: p.iloc[20:, :4].div(100), "the close moves -99.0% on {day}"),  # an unadjusted 100:1 split
        (lambda p: p.iloc[20:21, :4].mul(100), "the close of {day} is a spike that reverses the next day"),
    ],
)
def test_thesis_rl_data_refuses_a_split_and_a_spike(venv_bin, project, damage, message):
    prices = _bars()
    bad = prices.copy()
    changed = damage(prices)
    bad.loc[changed.index, changed.columns] = changed
    path = project / "prices.csv"
    bad.to_csv(path)
    res = thesis_rl(venv_bin, project, "data", f"csv:{path}", "--calendar", "XNYS", check=False)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert f"thesis-rl data: csv:{path}: " + message.format(day=prices.index[20].date()) in res.stderr
