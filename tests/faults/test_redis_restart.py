"""The embedded Redis keeps its data over a crash and a restart (issue 12, item 18): the
rate-limit counters of appeals and the queued jobs are there again. Each test runs a Redis of
its own (PORTAL_VAR), started, stopped and restarted by scripts/services.py."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

import ckan.lib.jobs as jobs
import ckan.lib.redis as ckan_redis

from ckanext.transparency.appeals import safety

pytestmark = pytest.mark.system

SERVICES = Path(__file__).resolve().parents[2] / "scripts" / "services.py"
ADDRESS = "203.0.113.7"


class OwnRedis:
    def __init__(self, var: Path):
        self.var = var
        self.env = dict(os.environ, PORTAL_VAR=str(var))

    def services(self, *args: str) -> None:
        subprocess.run([sys.executable, str(SERVICES), *args], env=self.env, check=True,
                       stdout=subprocess.DEVNULL)

    @property
    def port(self) -> int:
        return json.loads((self.var / "services.json").read_text())["redis_port"]

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port)

    def crash(self) -> None:
        """SIGKILL: no snapshot written on the way out, as in a crash or the OOM killer."""
        pid = int((self.var / "redis" / "redis.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        while True:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)


@pytest.fixture
def own_redis(tmp_path):
    server = OwnRedis(tmp_path)
    server.services("start", "redis")
    yield server
    server.services("stop", "redis")


@pytest.fixture
def ckan_on(own_redis, ckan_config, monkeypatch, with_plugins):
    """CKAN's Redis connection (rate limits, jobs) pointed at the test's own server."""
    monkeypatch.setitem(ckan_config, "ckan.redis.url", f"redis://127.0.0.1:{own_redis.port}/0")
    monkeypatch.setitem(ckan_config, "ckanext.transparency.appeals.rate_limit", 3)
    monkeypatch.setattr(ckan_redis, "_connection_pool", None)
    monkeypatch.setattr(jobs, "_queues", {})
    return own_redis


def test_counters_and_queued_jobs_survive_a_crash_and_a_restart(ckan_on):
    assert all(safety.submission_allowed(ADDRESS) for _ in range(3))
    job = jobs.enqueue(jobs.test_job, ["still here"], title="persistence check")
    ckan_on.client().set("plain-key", "kept")

    ckan_on.crash()
    ckan_on.services("start", "redis")

    assert ckan_on.client().get("plain-key") == b"kept"
    assert not safety.submission_allowed(ADDRESS), "the rate-limit counter came back empty"
    assert job.id in jobs.get_queue().job_ids
    assert jobs.job_from_id(job.id).args == ["still here"]


def test_restart_command_keeps_the_data(own_redis):
    own_redis.client().set("plain-key", "kept")
    own_redis.services("restart", "redis")
    assert own_redis.client().get("plain-key") == b"kept"


def test_an_older_snapshot_only_directory_is_taken_over(own_redis):
    """A var/redis made before the append-only file: its snapshot is loaded, then kept."""
    client = own_redis.client()
    client.set("from-the-snapshot", "kept")
    client.save()
    own_redis.services("stop", "redis")
    (own_redis.var / "redis" / "appendonly.aof").unlink()

    own_redis.services("start", "redis")
    client = own_redis.client()
    assert client.get("from-the-snapshot") == b"kept"
    assert client.info("persistence")["aof_enabled"] == 1
    client.set("after-the-switch", "kept")
    own_redis.crash()
    own_redis.services("start", "redis")
    client = own_redis.client()
    assert client.get("from-the-snapshot") == b"kept"
    assert client.get("after-the-switch") == b"kept"
