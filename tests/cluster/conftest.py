"""The cluster (scripts/cluster.py) in a var directory and on a port of its own, started once for
the tests of this directory."""
from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.live import PortalProcess

ROOT = Path(__file__).resolve().parents[2]
CLUSTER_VAR = ROOT / "var" / "cluster-test"
START_LIMIT = 900

sys.path.insert(0, str(ROOT / "scripts"))


class Cluster(PortalProcess):
    def __init__(self):
        super().__init__("cluster.py", CLUSTER_VAR, "cluster.log")

    def start(self) -> None:
        super().start("the cluster is up", START_LIMIT)

    def nodes(self) -> list[int]:
        found = re.search(r"web nodes on (\d+), (\d+)", self.log())
        return [int(found.group(1)), int(found.group(2))]


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
