"""papermill runs the notebooks with parameters, and nbconvert renders them."""

import json
import subprocess

import pytest


@pytest.mark.slow  # the papermill pipeline
def test_data_notebook_runs_with_parameters(root, venv_bin, tmp_path):
    out = tmp_path / "01_data.ipynb"
    subprocess.run(
        [
            str(venv_bin / "papermill"),
            "--cwd",
            str(root / "nbs"),
            "-k",
            "python3",
            "-p",
            "profile",
            "smoke",
            "-y",
            "overrides: {data.synthetic_days: 400}",
            str(root / "nbs" / "01_data.ipynb"),
            str(out),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    nb = json.loads(out.read_text())
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1 and 'profile = "smoke"' in "".join(injected[0]["source"])
    outputs = "".join(str(o) for c in nb["cells"] for o in c.get("outputs", []))
    assert "'rows': 400" in outputs and "synthetic:trend" in outputs
    subprocess.run(
        [str(venv_bin / "jupyter"), "nbconvert", "--log-level", "WARN", "--to", "html", str(out)], check=True
    )
    assert (tmp_path / "01_data.html").stat().st_size > 10_000


def test_parameters_are_listed(root, venv_bin):
    res = subprocess.run(
        [str(venv_bin / "papermill"), "--help-notebook", str(root / "nbs" / "01_data.ipynb")],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "profile" in res.stdout and "overrides" in res.stdout


@pytest.mark.slow  # the papermill pipeline
def test_bad_enum_setting_fails_a_papermill_run_at_load(root, venv_bin, tmp_path):
    "A papermill run with an enum setting outside its values stops at the settings cell, naming the key and its values."
    res = subprocess.run(
        [
            str(venv_bin / "papermill"),
            "--cwd",
            str(root / "nbs"),
            "-k",
            "python3",
            "-p",
            "profile",
            "smoke",
            "-y",
            "overrides: {features.scaler: zscore}",
            str(root / "nbs" / "03_features.ipynb"),
            str(tmp_path / "03.ipynb"),
        ],
        capture_output=True,
        text=True,
    )
    assert res.returncode != 0
    assert (
        "SettingsError" in res.stderr
        and "features.scaler = 'zscore' is not valid; valid values: standard, minmax, robust" in res.stderr
    )


@pytest.mark.parametrize(
    "notebook",
    [
        "nbs/01_data.ipynb",
        "nbs/12_metrics.ipynb",
        "nbs/13_contrasts.ipynb",
        "nbs/16_report.ipynb",
        "thesis_rl/templates/report.ipynb",
    ],
)
def test_report_notebooks_declare_typed_parameters(root, venv_bin, notebook):
    "Each notebook `make report` runs declares typed parameters (papermill --help-notebook) and is given only those."
    res = subprocess.run(
        [str(venv_bin / "papermill"), "--help-notebook", str(root / notebook)],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "profile: str" in res.stdout and "overrides: dict" in res.stdout, res.stdout
    from thesis_rl.cli import declared_parameters

    given = {"profile": "quick", "overrides": {}, "run": "x"}
    assert set(declared_parameters(root / notebook, given)) == (
        {"profile", "overrides"} if "01_data" in notebook else set(given)
    )


def test_template_runs_every_section_in_order(root):
    "The template calls the sections `build_report` runs, in the same order: both routes write the same document."
    import re
    from thesis_rl.report import REPORT_SECTIONS

    cells = json.loads((root / "thesis_rl" / "templates" / "report.ipynb").read_text())["cells"]
    called = [m for c in cells for m in re.findall(r"^(add_\w+)\(doc, ctx\)", "".join(c["source"]), flags=re.M)]
    assert called == [f.__name__ for f in REPORT_SECTIONS]
