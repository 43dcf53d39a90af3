"""`make lab`: JupyterLab starts on a loopback port, lists the notebooks through its REST API, and stops."""
import json
import secrets
import socket
import subprocess
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_jupyterlab_lists_the_notebooks(root, venv_bin, tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    lab = subprocess.Popen([str(venv_bin / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
                            f"--IdentityProvider.token={token}", "--allow-root", f"--ServerApp.root_dir={root / 'nbs'}", "--ServerApp.open_browser=False"],
                           stdout=subprocess.DEVNULL, stderr=open(tmp_path / "lab.log", "w"), env={"JUPYTER_RUNTIME_DIR": str(tmp_path), **__import__("os").environ})
    try:
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/contents", headers={"Authorization": f"token {token}"})
        deadline, listing = time.time() + 90, None
        while time.time() < deadline and lab.poll() is None:
            try:
                listing = json.load(urllib.request.urlopen(req, timeout=5)); break
            except OSError: time.sleep(0.5)
        assert listing is not None, f"JupyterLab did not answer on port {port}:\n{(tmp_path / 'lab.log').read_text()[-2000:]}"
        names = {c["name"] for c in listing["content"] if c["type"] == "notebook"}
        assert {"index.ipynb", "00_config.ipynb", "11_report.ipynb", "12_cli.ipynb"} <= names, names
        denied = urllib.request.Request(f"http://127.0.0.1:{port}/api/contents")
        try: urllib.request.urlopen(denied, timeout=5); raise AssertionError("the REST API answered without the token")
        except urllib.error.HTTPError as e: assert e.code == 403
    finally:
        lab.terminate()
        try: lab.wait(timeout=20)
        except subprocess.TimeoutExpired: lab.kill(); lab.wait()
    assert lab.returncode is not None
