"""The cluster (scripts/cluster.py) in a var directory and on a port of its own, started once for
the tests of this directory."""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLUSTER_VAR = ROOT / "var" / "cluster-test"
BIN = Path(sys.executable).parent
START_LIMIT = 900

sys.path.insert(0, str(ROOT / "scripts"))


def _free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    def __init__(self):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("CKAN_")}
        self.env.update(PORTAL_VAR=str(CLUSTER_VAR), PORT=str(self.port), DEMO="0",
                        WEB_WORKERS="2", ADMIN_PASSWORD=secrets.token_urlsafe(12))
        self.log_path = CLUSTER_VAR / "cluster.log"
        self.process: subprocess.Popen | None = None

    def ckan(self, *args: str) -> str:
        return subprocess.run([str(BIN / "ckan"), "-c", str(CLUSTER_VAR / "ckan.ini"), *args],
                              env=self.env, check=True, text=True, capture_output=True).stdout

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def start(self) -> None:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "services.py"), "stop"],
                       env=self.env, capture_output=True)
        shutil.rmtree(CLUSTER_VAR, ignore_errors=True)
        CLUSTER_VAR.mkdir(parents=True)
        # every client comes from 127.0.0.1: the appeals' rate limit is set above the load
        subprocess.run([str(BIN / "ckan"), "generate", "config", str(CLUSTER_VAR / "ckan.ini")],
                       env=self.env, check=True, capture_output=True)
        subprocess.run([str(BIN / "ckan"), "config-tool", str(CLUSTER_VAR / "ckan.ini"),
                        "ckanext.transparency.appeals.rate_limit=1000000"],
                       env=self.env, check=True, capture_output=True)
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "scripts" / "cluster.py"), "up"], env=self.env,
                stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
        deadline = time.monotonic() + START_LIMIT
        while "the cluster is up" not in self.log():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("the cluster did not start:\n" + self.log()[-4000:])
            time.sleep(2)

    def nodes(self) -> list[int]:
        found = re.search(r"web nodes on (\d+), (\d+)", self.log())
        return [int(found.group(1)), int(found.group(2))]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "services.py"), "stop"],
                       env=self.env, capture_output=True)

    def state(self) -> dict:
        return json.loads((CLUSTER_VAR / "services.json").read_text())


@pytest.fixture(scope="session")
def cluster():
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()) and os.geteuid() != 0:
        pytest.skip("nginx is not installed (apt-get install nginx) and this is not root")
    running = Cluster()
    try:
        running.start()
        yield running
    finally:
        running.stop()
