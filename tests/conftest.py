import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    "The project root."
    return ROOT


@pytest.fixture(scope="session")
def venv_bin() -> Path:
    "Folder of the console scripts of the Python running the tests."
    return Path(sys.executable).parent


def run_cli(venv_bin: Path, project: Path, *args, stdin=None, check=True):
    "Run `thesis-rl *args` in the scratch project root `project`; with `check`, a non-zero exit fails with its output."
    import subprocess

    env = os.environ | {"THESIS_RL_ROOT": str(project)}
    res = subprocess.run(
        [str(venv_bin / "thesis-rl"), *args], input=stdin, capture_output=True, text=True, env=env, cwd=project
    )
    if check and res.returncode:
        raise AssertionError(f"thesis-rl {' '.join(args)} exited {res.returncode}:\n{res.stdout}\n{res.stderr}")
    return res
