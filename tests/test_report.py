"""papermill runs the notebooks with parameters, and nbconvert renders them."""
import json
import subprocess

import pytest


def test_data_notebook_runs_with_parameters(root, venv_bin, tmp_path):
    out = tmp_path / "01_data.ipynb"
    subprocess.run([str(venv_bin / "papermill"), "--cwd", str(root / "nbs"), "-k", "python3", "-p", "profile", "smoke",
                    "-y", "overrides: {data.synthetic_days: 400}", str(root / "nbs" / "01_data.ipynb"), str(out)],
                   check=True, capture_output=True, text=True)
    nb = json.loads(out.read_text())
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1 and 'profile = "smoke"' in "".join(injected[0]["source"])
    outputs = "".join(str(o) for c in nb["cells"] for o in c.get("outputs", []))
    assert "'rows': 400" in outputs and "synthetic:trend" in outputs
    subprocess.run([str(venv_bin / "jupyter"), "nbconvert", "--log-level", "WARN", "--to", "html", str(out)], check=True)
    assert (tmp_path / "01_data.html").stat().st_size > 10_000


def test_parameters_are_listed(root, venv_bin):
    res = subprocess.run([str(venv_bin / "papermill"), "--help-notebook", str(root / "nbs" / "01_data.ipynb")],
                         check=True, capture_output=True, text=True)
    assert "profile" in res.stdout and "overrides" in res.stdout


def test_bad_enum_setting_fails_a_papermill_run_at_load(root, venv_bin, tmp_path):
    "A papermill run with an enum-like setting outside its values stops at the settings cell, naming the key and the valid values."
    res = subprocess.run([str(venv_bin / "papermill"), "--cwd", str(root / "nbs"), "-k", "python3", "-p", "profile", "smoke",
                          "-y", "overrides: {features.scaler: zscore}", str(root / "nbs" / "03_features.ipynb"), str(tmp_path / "03.ipynb")],
                         capture_output=True, text=True)
    assert res.returncode != 0
    assert "SettingsError" in res.stderr and "features.scaler = 'zscore' is not valid; valid values: standard, minmax, robust" in res.stderr
