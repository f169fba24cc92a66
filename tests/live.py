"""Real servers for tests, on free ports of 127.0.0.1: the portal's WSGI app served by
`ckan run` (Werkzeug, one thread per request) or by gunicorn (worker processes), and the whole
portal as `make up` or `make cluster` runs it."""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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


class PortalProcess:
    """`make up` (scripts/portal.py) or `make cluster` (scripts/cluster.py) as a subprocess, in a
    var directory and on a port of its own (the test databases are not touched), without demo
    data. Every client of a load test comes from 127.0.0.1, so the appeals' rate limit is set
    far above the load."""

    def __init__(self, script: str, var: Path, log_name: str, web_workers: int = 2):
        self.script, self.var = script, var
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("CKAN_")}
        self.env.update(PORTAL_VAR=str(var), PORT=str(self.port), DEMO="0",
                        WEB_WORKERS=str(web_workers), ADMIN_PASSWORD=secrets.token_urlsafe(12))
        self.ini = var / "ckan.ini"
        self.log_path = var / log_name
        self.process: subprocess.Popen | None = None

    def run(self, *args: str) -> str:
        return subprocess.run(args, env=self.env, check=True, text=True,
                              stdout=subprocess.PIPE).stdout

    def ckan(self, *args: str) -> str:
        return self.run(str(BIN / "ckan"), "-c", str(self.ini), *args)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def _services(self, command: str) -> None:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "services.py"), command],
                       env=self.env, check=True, stdout=subprocess.DEVNULL)

    def start(self, ready: str, seconds: int) -> None:
        """Start and wait until the log says `ready`."""
        self._services("stop")  # a last run's
        shutil.rmtree(self.var, ignore_errors=True)
        self.var.mkdir(parents=True)
        self.run(str(BIN / "ckan"), "generate", "config", str(self.ini))
        self.run(str(BIN / "ckan"), "config-tool", str(self.ini),
                 "ckanext.transparency.appeals.rate_limit=1000000")
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "scripts" / self.script), "up"], env=self.env,
                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + seconds
        while ready not in self.log():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{self.script} up did not start:\n" + self.log()[-4000:])
            time.sleep(1)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # as Ctrl-C: stops everything it started
            try:
                self.process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self._services("stop")

    def state(self) -> dict:
        return json.loads((self.var / "services.json").read_text())

    def database_url(self) -> str:
        state = self.state()
        return (f"postgresql://ckan_default:{state['ckan_password']}@127.0.0.1:"
                f"{state['pg_port']}/ckan_default")


@contextlib.contextmanager
def files_served(files: dict[str, bytes], content_type: str = "text/csv") -> Iterator[str]:
    """The base URL of a web server on 127.0.0.1 answering GET /<name> with files[name] (404
    otherwise): a linked file, which the portal fetches."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            body = files.get(self.path.lstrip("/"))
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
