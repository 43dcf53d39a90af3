"""The committed package is exactly what the notebooks export (`make export`: nbdev-export, nbdev-clean)."""

import shutil
import subprocess
import sys


def test_package_matches_notebooks(root, tmp_path):
    for name in ("nbs", "thesis_rl"):
        shutil.copytree(
            root / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
        )
    for name in ("pyproject.toml", "settings.ini"):
        shutil.copy(root / name, tmp_path / name)
    subprocess.run(
        [sys.executable, "-c", "from nbdev.doclinks import nbdev_export; nbdev_export()"], cwd=tmp_path, check=True
    )
    committed = {p.relative_to(root / "thesis_rl"): p.read_text() for p in (root / "thesis_rl").glob("*.py")}
    exported = {p.relative_to(tmp_path / "thesis_rl"): p.read_text() for p in (tmp_path / "thesis_rl").glob("*.py")}
    assert sorted(map(str, exported)) == sorted(map(str, committed))
    stale = [str(k) for k in exported if exported[k] != committed[k]]
    assert not stale, f"thesis_rl/ differs from what nbs/ exports: {stale}; run make export and commit both"


MAX_NOTEBOOK_BYTES = 1_500_000  # committed outputs stay light: figures as PNG, never plotly.js or its JSON
REPORT_NOTEBOOKS = ("01_data", "12_metrics", "13_contrasts", "16_report")  # papermill passes them parameters


def test_notebooks_are_clean(root):
    "Committed clean: outputs may stay, but no execution counts, interactive figures or bulk; papermill's tag kept."
    import json

    for nb in sorted((root / "nbs").glob("[0-9]*.ipynb")):
        text = nb.read_text()
        cells = json.loads(text)["cells"]
        code = [(i, c) for i, c in enumerate(cells) if c["cell_type"] == "code"]
        counted = [
            i for i, c in code if c.get("execution_count") or any(o.get("execution_count") for o in c["outputs"])
        ]
        assert not counted, (
            f"{nb.name}: cells {counted} carry execution counts; run make export (nbdev-export, nbdev-clean)"
        )
        plotly = [i for i, c in code for o in c["outputs"] if "application/vnd.plotly.v1+json" in o.get("data", {})]
        assert not plotly, (
            f"{nb.name}: cells {plotly} keep interactive plotly outputs (megabytes); "
            "run make outputs, which draws them as PNG"
        )
        assert len(text.encode()) <= MAX_NOTEBOOK_BYTES, (
            f"{nb.name} is {len(text.encode()):,} bytes (at most {MAX_NOTEBOOK_BYTES:,}): shrink its outputs"
        )
        tagged = [i for i, c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
        if nb.stem in REPORT_NOTEBOOKS:
            assert len(tagged) == 1, f"{nb.name}: papermill needs one cell tagged parameters, found {tagged}"
