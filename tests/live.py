"""A real web server for tests: the portal's WSGI app served by `ckan run` (Werkzeug, one
thread per request) or by gunicorn (worker processes), on a free port of 127.0.0.1."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except Exception:
        return False


def threaded(ini: str, port: int) -> list[str]:
    return [str(BIN / "ckan"), "-c", ini, "run", "-H", "127.0.0.1", "-p", str(port),
            "--disable-reloader", "--threaded"]


def processes(ini: str, port: int, workers: int = 2) -> list[str]:
    return [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--chdir", str(ROOT), "config.wsgi:application"]


@contextlib.contextmanager
def serve(command, ini: str, log_path: Path, seconds: int = 180) -> Iterator[str]:
    """The base URL of `command(ini, port)` once it answers; stopped afterwards."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CKAN_")}
    env.update(CKAN_SITE_URL=base, CKAN_INI=ini)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        server = subprocess.Popen(command(ini, port), env=env, stdout=log,
                                  stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            deadline = time.monotonic() + seconds
            while not answers(f"{base}/api/3/action/status_show"):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the test web server did not start: "
                                       + log_path.read_text(errors="replace")[-2000:])
                time.sleep(0.5)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
