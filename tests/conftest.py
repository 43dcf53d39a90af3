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
