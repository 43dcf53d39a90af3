"""`make lab`: JupyterLab starts on loopback, lists notebooks over REST, shows lessons' outputs in a browser, stops."""

import json
import secrets
import socket
import subprocess
import time
import urllib.request

import pytest

pytestmark = pytest.mark.slow  # JupyterLab, and a browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_lab(root, venv_bin, tmp_path) -> tuple[subprocess.Popen, int, str]:
    "JupyterLab on a free loopback port with a random token, serving nbs/ (its log in tmp_path/lab.log)."
    port, token = free_port(), secrets.token_hex(16)
    lab = subprocess.Popen(
        [
            str(venv_bin / "jupyter"),
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            "--allow-root",
            f"--ServerApp.root_dir={root / 'nbs'}",
            "--ServerApp.open_browser=False",
        ],
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "lab.log", "w"),
        env={"JUPYTER_RUNTIME_DIR": str(tmp_path), **__import__("os").environ},
    )
    return lab, port, token


def test_jupyterlab_lists_the_notebooks(root, venv_bin, tmp_path):
    lab, port, token = start_lab(root, venv_bin, tmp_path)
    try:
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/contents", headers={"Authorization": f"token {token}"}
        )
        deadline, listing = time.time() + 90, None
        while time.time() < deadline and lab.poll() is None:
            try:
                listing = json.load(urllib.request.urlopen(req, timeout=5))
                break
            except OSError:
                time.sleep(0.5)
        assert listing is not None, (
            f"JupyterLab did not answer on port {port}:\n{(tmp_path / 'lab.log').read_text()[-2000:]}"
        )
        names = {c["name"] for c in listing["content"] if c["type"] == "notebook"}
        assert {"index.ipynb", "00_config.ipynb", "16_report.ipynb", "17_cli.ipynb"} <= names, names
        denied = urllib.request.Request(f"http://127.0.0.1:{port}/api/contents")
        try:
            urllib.request.urlopen(denied, timeout=5)
            raise AssertionError("the REST API answered without the token")
        except urllib.error.HTTPError as e:
            assert e.code == 403
    finally:
        lab.terminate()
        try:
            lab.wait(timeout=20)
        except subprocess.TimeoutExpired:
            lab.kill()
            lab.wait()
    assert lab.returncode is not None


# the lessons a reader opens: each must show its committed outputs
LESSONS = (
    "01_data",
    "02_signals",
    "03_features",
    "04_backtest",
    "05_env",
    "06_lstm",
    "07_baselines",
    "08_rl",
    "09_study",
    "10_fitting",
    "11_walkforward",
    "12_metrics",
)


def test_lessons_show_their_outputs_in_a_browser(root, venv_bin, tmp_path):
    "JupyterLab in headless Chromium shows each lesson's stored outputs (tables, text, PNG figures) without running it."
    import re
    import shutil

    browser = next(
        (shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None
    )
    if browser is None:
        pytest.skip("no Chrome or Chromium here (CI installs Debian's chromium)")
    lab, port, token = start_lab(root, venv_bin, tmp_path)
    try:
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/contents", headers={"Authorization": f"token {token}"}
        )
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                urllib.request.urlopen(req, timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        for name in LESSONS:
            cells = json.loads((root / "nbs" / f"{name}.ipynb").read_text())["cells"]
            outputs = [o for c in cells for o in c.get("outputs", [])]
            figures = sum("image/png" in o.get("data", {}) for o in outputs)
            url = f"http://127.0.0.1:{port}/lab/workspaces/check-{name}/tree/{name}.ipynb?reset&token={token}"
            dom = subprocess.run(
                [
                    browser,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    f"--user-data-dir={tmp_path / 'chrome'}",
                    "--window-size=1400,16000",
                    "--virtual-time-budget=20000",
                    "--dump-dom",
                    url,
                ],
                capture_output=True,
                text=True,
                timeout=120,
            ).stdout
            shown = len(re.findall(r'class="[^"]*jp-OutputArea-child', dom))
            images = len(re.findall(r'<img[^>]+src="data:image/png', dom))
            assert outputs, f"{name}: committed without outputs; run make outputs"
            assert shown >= max(1, len(outputs) * 0.7), (
                f"{name}: {len(outputs)} outputs in the file, {shown} rendered by JupyterLab"
            )
            assert images == figures, f"{name}: {figures} PNG figures in the file, {images} rendered"
    finally:
        lab.terminate()
        try:
            lab.wait(timeout=20)
        except subprocess.TimeoutExpired:
            lab.kill()
            lab.wait()
