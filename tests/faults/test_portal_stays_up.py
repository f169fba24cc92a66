"""`make up` under faults (issue 12, items 17-19): the portal is run as `make up` runs it
(scripts/portal.py up, in a subprocess, in a var directory and on a port of its own, so the
test databases are not touched) and, while 10 clients submit appeals through the Action API
for 20 s, the jobs worker is killed, a web worker is killed, Redis crashes and PostgreSQL
crashes. Nobody touches it afterwards.

Then: every acknowledged appeal (a 200 with a number) is stored exactly once with that number,
no appeal answered with an error is stored, every error is a 503, and the portal acknowledges
appeals again within 30 s of each fault. A client whose request got no answer at all (its web
worker was killed under it) sends the same submission again with the same submission_key.
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPException
from pathlib import Path

import psutil
import psycopg2
import pytest

from tests.live import PortalProcess

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]
PORTAL_VAR = ROOT / "var" / "faults"
CLIENTS = 10
LOAD_SECONDS = 20
RECOVERY_LIMIT = 30
WEB_WORKERS = 2
START_LIMIT = 600  # a fresh PostgreSQL, every migration and two web workers, on a busy machine


class Portal(PortalProcess):
    def __init__(self):
        super().__init__("portal.py", PORTAL_VAR, "up.log", web_workers=WEB_WORKERS)
        self.token = ""

    def start(self) -> None:
        super().start("the portal is up", START_LIMIT)
        self.token = self.ckan("user", "token", "add", "admin",
                               "faults").strip().splitlines()[-1].strip()
        self.call("organization_create", {"name": "suv", "title": "Suv taʼminoti"})

    def call(self, action: str, data: dict, timeout: float = 30) -> dict:
        request = urllib.request.Request(
            f"{self.url}/api/3/action/{action}", data=json.dumps(data).encode(),
            headers={"Content-Type": "application/json", "Authorization": self.token})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)["result"]

    def submit(self, key: str, timeout: float = 30) -> tuple[int, dict]:
        """(HTTP status, body) of one appeal_submit without an account."""
        body = json.dumps({"type": "application", "topic": "water", "owner_org": "suv",
                           "subject": "Suv yoʻq", "text": f"Sinov murojaati {key}",
                           "full_name": "Sinov Fuqaro", "address": "Sinov mahallasi, 1-uy",
                           "consent": True, "submission_key": key}).encode()
        request = urllib.request.Request(f"{self.url}/api/3/action/appeal_submit", data=body,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            try:
                return error.code, json.load(error)
            except ValueError:
                return error.code, {}

    # -- the processes `up` runs ------------------------------------------------------------
    def children(self) -> list[tuple[psutil.Process, list[str]]]:
        """The running children with their command lines: one that has ended but that the
        supervisor has not reaped yet (a zombie until its next check) is not running."""
        return _running(psutil.Process(self.process.pid).children())

    def jobs_worker(self) -> psutil.Process | None:
        return next((p for p, command in self.children()
                     if "worker" in command and "jobs" in command), None)

    def web_workers(self) -> list[psutil.Process]:
        master = next(p for p, command in self.children()
                      if any("gunicorn" in a for a in command))
        return [worker for worker, _command in _running(master.children())]


def _running(processes: list[psutil.Process]) -> list[tuple[psutil.Process, list[str]]]:
    running = []
    for process in processes:
        try:
            running.append((process, process.cmdline()))
        except (psutil.ZombieProcess, psutil.NoSuchProcess):
            continue
    return running


@dataclass
class Outcome:
    key: str
    status: int | None = None  # None: no HTTP answer at all
    number: str | None = None
    sent_at: float = 0.0
    answered_at: float = 0.0


@dataclass
class Load:
    portal: Portal
    started: float = field(default_factory=time.monotonic)
    run_id: str = field(default_factory=lambda: secrets.token_hex(4))
    outcomes: list[Outcome] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.monotonic() - self.started

    def send(self, key: str, until: float) -> None:
        outcome = Outcome(key, sent_at=self.now())
        # no answer (a killed web worker): the same submission again, as a browser's retry
        # would send it
        while outcome.status is None and self.now() < until:
            try:
                outcome.status, body = self.portal.submit(key)
            except (urllib.error.URLError, HTTPException, OSError):
                time.sleep(0.5)
                continue
            if outcome.status == 200:
                outcome.number = body["result"]["number"]
        outcome.answered_at = self.now()
        with self.lock:
            self.outcomes.append(outcome)

    def client(self, index: int) -> None:
        n = 0
        while self.now() < LOAD_SECONDS:
            n += 1
            self.send(f"faults-{self.run_id}-{index:02d}-{n:05d}", LOAD_SECONDS + RECOVERY_LIMIT)

    def first_acknowledged_after(self, moment: float) -> float | None:
        """When the first appeal sent after `moment` was acknowledged."""
        times = [o.answered_at for o in self.outcomes if o.number and o.sent_at > moment]
        return min(times) if times else None


def _kill(process: psutil.Process | None) -> int:
    assert process is not None
    process.kill()
    return process.pid


def _kill_pid_file(path: Path, sig: int) -> int:
    pid = int(path.read_text().split()[0])
    os.kill(pid, sig)
    return pid


@pytest.fixture(scope="module")
def portal():
    portal = Portal()
    try:
        portal.start()
        yield portal
    finally:
        portal.stop()


def test_the_portal_stays_up_and_loses_no_appeal(portal, capsys):
    assert len(portal.web_workers()) == WEB_WORKERS
    load = Load(portal)
    faults = [
        (2, "jobs worker", lambda: _kill(portal.jobs_worker())),
        (4, "web worker", lambda: _kill(portal.web_workers()[0])),
        (6, "Redis", lambda: _kill_pid_file(PORTAL_VAR / "redis" / "redis.pid",
                                            signal.SIGKILL)),
        # SIGQUIT: PostgreSQL's immediate shutdown, a crash (recovery at the next start)
        (9, "PostgreSQL", lambda: _kill_pid_file(PORTAL_VAR / "pg" / "data" / "postmaster.pid",
                                                 signal.SIGQUIT)),
    ]
    clients = [threading.Thread(target=load.client, args=(i,)) for i in range(CLIENTS)]
    for client in clients:
        client.start()
    done: list[tuple[str, float, int]] = []
    for at, name, fault in faults:
        time.sleep(max(0.0, at - load.now()))
        done.append((name, load.now(), fault()))
    for client in clients:
        client.join()

    # Nobody touches the portal: it must acknowledge appeals again by itself.
    n = 0
    while load.now() < done[-1][1] + RECOVERY_LIMIT + 5 and \
            load.first_acknowledged_after(done[-1][1]) is None:
        n += 1
        load.send(f"faults-{load.run_id}-after-{n:05d}", done[-1][1] + RECOVERY_LIMIT + 5)
        time.sleep(0.5)
    recovery = {name: (load.first_acknowledged_after(moment) or float("inf")) - moment
                for name, moment, _pid in done}

    with psycopg2.connect(portal.database_url()) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT submission_key, number FROM appeal WHERE submission_key LIKE %s",
                       (f"faults-{load.run_id}-%",))
        rows = cursor.fetchall()
    stored: dict[str, list[str]] = {}
    for key, number in rows:
        stored.setdefault(key, []).append(number)

    acknowledged = {o.key: o.number for o in load.outcomes if o.number}
    errors = [o for o in load.outcomes if o.status not in (None, 200)]
    unanswered = [o for o in load.outcomes if o.status is None]
    with capsys.disabled():
        print(f"\n[faults] sent {len(load.outcomes)}, acknowledged {len(acknowledged)}, "
              f"stored {len(rows)}, errors {len(errors)} "
              f"({', '.join(sorted({str(o.status) for o in errors})) or 'none'}), "
              f"unanswered {len(unanswered)}; seconds to recover: "
              + ", ".join(f"{name} {seconds:.1f}" for name, seconds in recovery.items()))

    assert acknowledged, "no appeal was acknowledged"
    assert all(stored.get(key) == [number] for key, number in acknowledged.items()), \
        "an acknowledged appeal is missing, stored twice or under another number"
    assert not [o.key for o in errors if o.key in stored], "an appeal answered with an error was stored"
    assert {o.status for o in errors} <= {503}, "errors other than 503"
    assert set(stored) <= set(acknowledged) | {o.key for o in unanswered}
    assert all(seconds <= RECOVERY_LIMIT for seconds in recovery.values()), recovery

    # what was killed was replaced
    killed = {name: pid for name, _moment, pid in done}
    # (the jobs worker may be between two starts: it also stops when PostgreSQL goes down)
    deadline = time.monotonic() + RECOVERY_LIMIT
    while portal.jobs_worker() is None and time.monotonic() < deadline:
        time.sleep(1)
    worker = portal.jobs_worker()
    assert worker is not None and worker.pid != killed["jobs worker"]
    while len(portal.web_workers()) < WEB_WORKERS and time.monotonic() < deadline:
        time.sleep(1)
    assert len(portal.web_workers()) == WEB_WORKERS
    assert killed["web worker"] not in [p.pid for p in portal.web_workers()]
    log = portal.log()
    assert "the jobs worker" in log and "starting it again" in log
    assert "PostgreSQL is back" in log and "Redis is back" in log
