"""The committed package is exactly what the notebooks export."""
import shutil
import subprocess
import sys
from pathlib import Path


def test_package_matches_notebooks(root, tmp_path):
    for name in ("nbs", "thesis_rl"):
        shutil.copytree(root / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    for name in ("pyproject.toml", "settings.ini"):
        shutil.copy(root / name, tmp_path / name)
    subprocess.run([sys.executable, "-c", "from nbdev.doclinks import nbdev_export; nbdev_export()"], cwd=tmp_path, check=True)
    committed = {p.relative_to(root / "thesis_rl"): p.read_text() for p in (root / "thesis_rl").glob("*.py")}
    exported = {p.relative_to(tmp_path / "thesis_rl"): p.read_text() for p in (tmp_path / "thesis_rl").glob("*.py")}
    assert sorted(map(str, exported)) == sorted(map(str, committed))
    stale = [str(k) for k in exported if exported[k] != committed[k]]
    assert not stale, f"thesis_rl/ differs from what nbs/ exports: {stale}; run nbdev-export and commit both"


def test_notebooks_are_clean(root):
    "Notebooks are committed without outputs or execution counts, so diffs stay readable."
    import json
    for nb in sorted((root / "nbs").glob("[0-9]*.ipynb")):
        cells = json.loads(nb.read_text())["cells"]
        dirty = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
        assert not dirty, f"{nb.name}: cells {dirty} carry outputs; run nbdev-clean --clear_all"
